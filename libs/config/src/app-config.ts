import { resolve } from 'node:path';

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
