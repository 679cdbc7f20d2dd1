export type RuntimeEnvironment = 'development' | 'production' | 'test';

/** A 32-byte master key, or a passphrase stretched with PBKDF2; the keyring holds the salt. */
export interface LocalKeyProviderSettings {
  kind: 'local';
  environment: RuntimeEnvironment;
  /** 32 or more random bytes, base64 or hex. */
  masterKey?: string;
  passphrase?: string;
  /** Default 600,000; fewer is refused. Used when the keyring is first created. */
  pbkdf2Iterations?: number;
  /**
   * Development and test only: with no secret configured, generate one and keep it in the
   * keyring table. Anyone who reads the database can then read every value.
   */
  allowGeneratedKey?: boolean;
}

export interface AwsKmsKeyProviderSettings {
  kind: 'aws-kms';
  environment: RuntimeEnvironment;
  /** Key id, ARN or alias of a symmetric KMS key. */
  keyId: string;
  region: string;
  /** A KMS-compatible endpoint (LocalStack, a VPC endpoint); the AWS default otherwise. */
  endpoint?: string;
  /** Static credentials; without them the SDK's default chain (role, profile) applies. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface VaultTransitKeyProviderSettings {
  kind: 'vault-transit';
  environment: RuntimeEnvironment;
  /** e.g. https://vault.internal:8200 */
  address: string;
  token: string;
  keyName: string;
  /** Where the transit engine is mounted; `transit` by default. */
  mount?: string;
  namespace?: string;
  /** The key was created with `derived=true`: each wrapping passes its context to Vault. */
  derived?: boolean;
  timeoutMs?: number;
}

export type KeyProviderSettings =
  LocalKeyProviderSettings | AwsKmsKeyProviderSettings | VaultTransitKeyProviderSettings;
