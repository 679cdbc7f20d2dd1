import { S3Client } from '@aws-sdk/client-s3';
import { RetentionConfig } from '@compliance/config';

import { ArchiveStore } from './archive-store';
import { LocalArchiveStore } from './local-archive-store';
import { S3ArchiveStore } from './s3-archive-store';

/** The archive store configuration asks for: the local folder, or an S3 bucket. */
export function archiveStoreFrom(config: RetentionConfig): ArchiveStore {
  const store = config.archiveStore;

  if (store.kind === 'local') {
    return new LocalArchiveStore(config.archiveDir);
  }

  // No credentials here: the SDK's default chain finds them (environment, shared files,
  // web identity, instance or task role), so none ever sits in our configuration.
  const client = new S3Client({
    region: store.region,
    endpoint: store.endpoint,
    forcePathStyle: store.forcePathStyle,
  });

  return new S3ArchiveStore(client, store.bucket);
}
