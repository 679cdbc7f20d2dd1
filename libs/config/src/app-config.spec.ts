import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('should apply the documented defaults to an empty environment', () => {
    const config = loadConfig({});

    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.database.dataDir.endsWith('.data')).toBe(true);
    expect(config.nats.url).toBeUndefined();
  });

  it('should name every bad variable without echoing its value', () => {
    const attempt = () =>
      loadConfig({ PORT: 'not-a-port', AUTH_JWT_SECRET: 'short-secret-value', NATS_URL: 'x' });

    expect(attempt).toThrow(ConfigError);

    try {
      attempt();
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT');
      expect(message).toContain('AUTH_JWT_SECRET');
      expect(message).toContain('NATS_URL');
      expect(message).not.toContain('short-secret-value');
    }
  });

  it('should refuse a JWT secret and a JWKS URL together', () => {
    expect(() =>
      loadConfig({
        AUTH_JWT_SECRET: 'x'.repeat(32),
        AUTH_JWKS_URL: 'https://issuer.example/.well-known/jwks.json',
      }),
    ).toThrow(/set one of them/);
  });

  it('should treat an empty variable as unset', () => {
    const config = loadConfig({ AUTH_JWT_SECRET: '', HEALTH_PORT: '', DATABASE_URL: '' });

    expect(config.auth.jwtSecret).toBeUndefined();
    expect(config.healthPort).toBeUndefined();
    expect(config.database.url).toBeUndefined();
  });

  it('should write archives to the local folder unless told otherwise', () => {
    expect(loadConfig({}).retention.archiveStore).toEqual({ kind: 'local' });
  });

  it('should read an S3 archive store, its region falling back to AWS_REGION', () => {
    const config = loadConfig({
      RETENTION_ARCHIVE_STORE: 's3',
      RETENTION_ARCHIVE_S3_BUCKET: 'crm-archives',
      RETENTION_ARCHIVE_S3_ENDPOINT: 'http://127.0.0.1:9000',
      RETENTION_ARCHIVE_S3_FORCE_PATH_STYLE: 'true',
      AWS_REGION: 'eu-central-1',
    });

    expect(config.retention.archiveStore).toEqual({
      kind: 's3',
      bucket: 'crm-archives',
      region: 'eu-central-1',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
    });
  });

  it('should refuse an S3 archive store without a bucket or a region', () => {
    const attempt = () => loadConfig({ RETENTION_ARCHIVE_STORE: 's3' });

    expect(attempt).toThrow(/RETENTION_ARCHIVE_S3_BUCKET/);
    expect(attempt).toThrow(/RETENTION_ARCHIVE_S3_REGION/);
  });

  it('should refuse a bucket name S3 would not accept', () => {
    expect(() =>
      loadConfig({ RETENTION_ARCHIVE_STORE: 's3', RETENTION_ARCHIVE_S3_BUCKET: 'Bad_Bucket' }),
    ).toThrow(/RETENTION_ARCHIVE_S3_BUCKET/);
  });
});
