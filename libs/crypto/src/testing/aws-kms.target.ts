import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';

import { AwsKmsKeyProviderSettings } from '../providers/key-provider.settings';
import { startAwsKmsDouble } from './aws-kms.double';

/** Where the KMS specs run: a real KMS endpoint (LocalStack, say) when set, else the double. */
export const AWS_KMS_TARGET = process.env.TEST_KMS_ENDPOINT
  ? 'a real KMS endpoint'
  : 'an HTTP double of AWS KMS';

export interface AwsKmsTarget {
  settings: AwsKmsKeyProviderSettings;
  close: () => Promise<void>;
}

const DUMMY_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export async function openAwsKmsTarget(): Promise<AwsKmsTarget> {
  const endpoint = process.env.TEST_KMS_ENDPOINT;
  const region = process.env.TEST_KMS_REGION ?? 'us-east-1';

  if (endpoint) {
    const client = new KMSClient({ region, endpoint, credentials: DUMMY_CREDENTIALS });
    const created = await client.send(new CreateKeyCommand({ Description: 'crypto spec' }));
    client.destroy();

    return {
      settings: settings(created.KeyMetadata?.Arn as string, region, endpoint),
      close: async () => undefined,
    };
  }

  const double = await startAwsKmsDouble(region);

  return {
    settings: settings(double.keyArn, region, double.endpoint),
    close: double.close,
  };
}

function settings(keyId: string, region: string, endpoint: string): AwsKmsKeyProviderSettings {
  return {
    kind: 'aws-kms',
    environment: 'test',
    keyId,
    region,
    endpoint,
    credentials: DUMMY_CREDENTIALS,
  };
}
