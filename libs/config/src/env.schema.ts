import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

/** An unset or empty variable means "not configured"; anything else must be a URL. */
const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url().optional())
  .optional();

/**
 * Every environment variable the platform reads. Nothing else reads `process.env`: a
 * process validates this once at start-up and passes the typed result around.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: optionalUrl,
  DATABASE_POOL_SIZE: positiveInt.max(100).default(5),
  NATS_URL: optionalUrl,
  NATS_SUBJECT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, _ and - only')
    .default(''),
  NATS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
    .default('COMPLIANCE_EVENTS'),
  REQUEST_TIMEOUT_MS: positiveInt.max(120_000).default(10_000),
  SHUTDOWN_TIMEOUT_MS: positiveInt.max(120_000).default(20_000),
  HEALTH_PORT: port.optional(),
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_JWKS_URL: optionalUrl,
  AUTH_JWT_ISSUER: z.string().min(1).optional(),
  AUTH_JWT_AUDIENCE: z.string().min(1).optional(),
  HTTP_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'a size such as 1mb or 512kb')
    .default('1mb'),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(600),
  OUTBOX_POLL_MS: positiveInt.max(60_000).default(500),
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().min(3).default('compliance@localhost'),
  ACCESS_REVIEW_CRON: z.string().min(9).default('0 0 1 * *'),
  ACCESS_REVIEW_DAILY_CRON: z.string().min(9).default('0 8 * * *'),
  RETENTION_CRON: z.string().min(9).default('0 2 * * *'),
  DSR_DEADLINE_CRON: z.string().min(9).default('0 9 * * *'),
  DSR_EXPORT_DIR: z.string().min(1).optional(),
  RETENTION_BATCH_SIZE: positiveInt.max(100_000).default(1000),
  RETENTION_BATCH_PAUSE_MS: z.coerce.number().int().min(0).max(60_000).default(50),
  RETENTION_ARCHIVE_STORE: z.enum(['local', 's3']).default('local'),
  RETENTION_ARCHIVE_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name (3-63 lowercase characters)')
    .optional(),
  RETENTION_ARCHIVE_S3_REGION: z.string().min(1).optional(),
  RETENTION_ARCHIVE_S3_ENDPOINT: optionalUrl,
  RETENTION_ARCHIVE_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
  ENCRYPTION_PROVIDER: z.enum(['local', 'aws-kms', 'vault-transit']).default('local'),
  ENCRYPTION_MASTER_KEY: z.string().min(1).optional(),
  ENCRYPTION_PASSPHRASE: z.string().min(1).optional(),
  AWS_KMS_KEY_ID: z.string().min(1).optional(),
  AWS_KMS_ENDPOINT: optionalUrl,
  AWS_REGION: z.string().min(1).optional(),
  VAULT_ADDR: optionalUrl,
  VAULT_TOKEN: z.string().min(1).optional(),
  VAULT_TRANSIT_MOUNT: z.string().min(1).default('transit'),
  VAULT_TRANSIT_KEY: z.string().min(1).optional(),
  SECRET_ROTATION_CRON: z.string().min(9).default('0 3 * * *'),
});

export type Env = z.infer<typeof envSchema>;
