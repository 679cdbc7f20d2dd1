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
});
