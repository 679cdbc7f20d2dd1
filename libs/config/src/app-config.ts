import { join, resolve } from 'node:path';

import { Env, envSchema } from './env.schema';

export interface DatabaseConfig {
  /** Absent: the embedded PGlite database in `dataDir`. */
  url: string | undefined;
  poolSize: number;
  dataDir: string;
}

export interface NatsConfig {
  /** Absent: the in-process transport (standalone only). */
  url: string | undefined;
  subjectPrefix: string;
  stream: string;
  requestTimeoutMs: number;
}

export interface AuthConfig {
  jwtSecret: string | undefined;
  jwksUrl: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
}

export interface HttpConfig {
  host: string;
  port: number;
  bodyLimit: string;
  rateLimitPerMinute: number;
}

export interface MailConfig {
  /** Absent: notifications are recorded but not sent. */
  smtpUrl: string | undefined;
  from: string;
}

export interface AccessReviewConfig {
  /**
   * When scheduled campaigns are checked, as a cron expression in the server's time zone;
   * each company's cadence decides whether a run opens a period.
   */
  campaignCron: string;
  /** When due dates, reminders and automatic closing are processed. */
  dailyCron: string;
}

export interface RetentionConfig {
  /** When scheduled retention runs, as a cron expression in the server's time zone. */
  cron: string;
  /** Records per statement and per transaction of a purge. */
  batchSize: number;
  /** Pause between batches, so the CRM's own writes get the table in between. */
  batchPauseMs: number;
  /** Where archives go by default: `${DATA_DIR}/archives`. */
  archiveDir: string;
  archiveStore: ArchiveStoreConfig;
}

/**
 * Where retention archives are written: the local folder, or an S3 bucket (credentials
 * from the AWS default chain: environment, shared files, web identity, instance role).
 */
export type ArchiveStoreConfig =
  | { kind: 'local' }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      /** An S3-compatible endpoint (MinIO, LocalStack, VPC endpoint); absent for AWS. */
      endpoint: string | undefined;
      /** `endpoint/bucket/key` instead of `bucket.endpoint/key`, as most S3-compatibles want. */
      forcePathStyle: boolean;
    };

export interface DsrConfig {
  /** When deadline notices go out, as a cron expression in the server's time zone. */
  deadlineCron: string;
  /**
   * Root of the local export store: a folder per residency region and storage prefix
   * below it. `${DATA_DIR}/dsr-exports` unless set.
   */
  exportDir: string;
}

/** Which key-encryption key wraps the data keys of field-level encryption. */
export interface EncryptionConfig {
  provider: 'local' | 'aws-kms' | 'vault-transit';
  /** local: 32 random bytes, base64 or hex; or a passphrase stretched with PBKDF2. */
  masterKey: string | undefined;
  passphrase: string | undefined;
  awsKms: { keyId: string | undefined; region: string | undefined; endpoint: string | undefined };
  vaultTransit: {
    address: string | undefined;
    token: string | undefined;
    mount: string;
    keyName: string | undefined;
  };
}

export interface VaultConfig {
  /** When due secrets rotate and expiry warnings go out, as a cron expression. */
  rotationCron: string;
}

export interface AppConfig {
  environment: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  database: DatabaseConfig;
  nats: NatsConfig;
  auth: AuthConfig;
  http: HttpConfig;
  healthPort: number | undefined;
  shutdownTimeoutMs: number;
  outboxPollMs: number;
  mail: MailConfig;
  accessReview: AccessReviewConfig;
  retention: RetentionConfig;
  dsr: DsrConfig;
  encryption: EncryptionConfig;
  vault: VaultConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment once. Each problem names its variable, and no value is
 * echoed back, because a misplaced secret would otherwise land in the log.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(withoutEmptyValues(env));

  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }

  const values = parsed.data;

  if (values.AUTH_JWT_SECRET && values.AUTH_JWKS_URL) {
    throw new ConfigError(['AUTH_JWT_SECRET and AUTH_JWKS_URL: set one of them, not both']);
  }

  const archiveStore = archiveStoreOf(values);

  return {
    environment: values.NODE_ENV,
    logLevel: values.LOG_LEVEL,
    database: {
      url: values.DATABASE_URL,
      poolSize: values.DATABASE_POOL_SIZE,
      dataDir: resolve(values.DATA_DIR),
    },
    nats: {
      url: values.NATS_URL,
      subjectPrefix: values.NATS_SUBJECT_PREFIX,
      stream: values.NATS_STREAM,
      requestTimeoutMs: values.REQUEST_TIMEOUT_MS,
    },
    auth: {
      jwtSecret: values.AUTH_JWT_SECRET,
      jwksUrl: values.AUTH_JWKS_URL,
      issuer: values.AUTH_JWT_ISSUER,
      audience: values.AUTH_JWT_AUDIENCE,
    },
    http: {
      host: values.HOST,
      port: values.PORT,
      bodyLimit: values.HTTP_BODY_LIMIT,
      rateLimitPerMinute: values.RATE_LIMIT_PER_MINUTE,
    },
    healthPort: values.HEALTH_PORT,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    outboxPollMs: values.OUTBOX_POLL_MS,
    mail: { smtpUrl: values.SMTP_URL, from: values.MAIL_FROM },
    accessReview: {
      campaignCron: values.ACCESS_REVIEW_CRON,
      dailyCron: values.ACCESS_REVIEW_DAILY_CRON,
    },
    retention: {
      cron: values.RETENTION_CRON,
      batchSize: values.RETENTION_BATCH_SIZE,
      batchPauseMs: values.RETENTION_BATCH_PAUSE_MS,
      archiveDir: resolve(values.DATA_DIR, 'archives'),
      archiveStore,
    },
    dsr: {
      deadlineCron: values.DSR_DEADLINE_CRON,
      exportDir: resolve(values.DSR_EXPORT_DIR ?? join(values.DATA_DIR, 'dsr-exports')),
    },
    encryption: {
      provider: values.ENCRYPTION_PROVIDER,
      masterKey: values.ENCRYPTION_MASTER_KEY,
      passphrase: values.ENCRYPTION_PASSPHRASE,
      awsKms: {
        keyId: values.AWS_KMS_KEY_ID,
        region: values.AWS_REGION,
        endpoint: values.AWS_KMS_ENDPOINT,
      },
      vaultTransit: {
        address: values.VAULT_ADDR,
        token: values.VAULT_TOKEN,
        mount: values.VAULT_TRANSIT_MOUNT,
        keyName: values.VAULT_TRANSIT_KEY,
      },
    },
    vault: { rotationCron: values.SECRET_ROTATION_CRON },
  };
}

/** An S3 store needs a bucket and a region; the region may come from `AWS_REGION`. */
function archiveStoreOf(values: Env): ArchiveStoreConfig {
  if (values.RETENTION_ARCHIVE_STORE === 'local') {
    return { kind: 'local' };
  }

  const region = values.RETENTION_ARCHIVE_S3_REGION ?? values.AWS_REGION;
  const problems = [
    values.RETENTION_ARCHIVE_S3_BUCKET ? undefined : 'RETENTION_ARCHIVE_S3_BUCKET: required for s3',
    region ? undefined : 'RETENTION_ARCHIVE_S3_REGION: required for s3 unless AWS_REGION is set',
  ].filter((problem): problem is string => problem !== undefined);

  if (problems.length > 0) {
    throw new ConfigError(problems);
  }

  return {
    kind: 's3',
    bucket: values.RETENTION_ARCHIVE_S3_BUCKET!,
    region: region!,
    endpoint: values.RETENTION_ARCHIVE_S3_ENDPOINT,
    forcePathStyle: values.RETENTION_ARCHIVE_S3_FORCE_PATH_STYLE === 'true',
  };
}

/**
 * `FOO=` in an env file or a compose file means "not set", as it does for most tools; left
 * as an empty string it would fail validation or, worse, pass as a value.
 */
function withoutEmptyValues(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
