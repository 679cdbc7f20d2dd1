import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

import { AuthConfig } from '@compliance/config';
import { ServiceError } from '@compliance/contracts';

import { CredentialRejectedError } from '../errors/credential-rejected.error';
import { Jose, loadJose } from './jose.loader';
import { JwtVerifier } from './jwt.verifier';

type SigningKey = Awaited<ReturnType<Jose['generateKeyPair']>>['privateKey'];

const SECRET = randomBytes(32).toString('hex');
const COMPANY_ID = randomUUID();

function authConfig(overrides: Partial<AuthConfig> = {}): AuthConfig {
  return {
    jwtSecret: SECRET,
    jwksUrl: undefined,
    issuer: undefined,
    audience: undefined,
    ...overrides,
  };
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function signHs256(
  claims: Record<string, unknown>,
  options: { secret?: string; expiresIn?: string | number; alg?: string } = {},
): Promise<string> {
  const { SignJWT } = await loadJose();

  return new SignJWT({ company_id: COMPANY_ID, ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setSubject('user-1')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

function rejection(reason: string): object {
  return expect.objectContaining({ name: CredentialRejectedError.name, reason });
}

describe(JwtVerifier.name, () => {
  describe('with a shared secret', () => {
    const verifier = new JwtVerifier(authConfig());

    it('should return the identity of a good HS256 token', async () => {
      const token = await signHs256({ scope: 'policy:read dsr:write' });

      await expect(verifier.verify(token)).resolves.toEqual({
        actorId: 'user-1',
        companyId: COMPANY_ID,
        scopes: ['policy:read', 'dsr:write'],
      });
    });

    it('should reject a token signed with another secret', async () => {
      const token = await signHs256({}, { secret: randomBytes(32).toString('hex') });

      await expect(verifier.verify(token)).rejects.toEqual(rejection('signature'));
    });

    it('should reject an expired token', async () => {
      // Expired a minute ago; jose allows no clock tolerance unless asked.
      const token = await signHs256({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 });

      await expect(verifier.verify(token)).rejects.toEqual(rejection('expired'));
    });

    it('should reject an unsigned token with alg none', async () => {
      const exp = Math.floor(Date.now() / 1000) + 300;
      const payload = { sub: 'user-1', company_id: COMPANY_ID, scope: 'admin', exp };
      const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;

      await expect(verifier.verify(token)).rejects.toBeInstanceOf(CredentialRejectedError);
    });

    it('should reject an HMAC algorithm other than HS256', async () => {
      const token = await signHs256({}, { alg: 'HS512' });

      await expect(verifier.verify(token)).rejects.toEqual(rejection('algorithm'));
    });

    it('should reject a token without company_id', async () => {
      const token = await signHs256({ company_id: undefined });

      await expect(verifier.verify(token)).rejects.toEqual(rejection('claims'));
    });

    it('should reject a company_id that is not a uuid', async () => {
      const token = await signHs256({ company_id: 'acme' });

      await expect(verifier.verify(token)).rejects.toEqual(rejection('claims'));
    });

    it('should reject a token without an expiry', async () => {
      const { SignJWT } = await loadJose();
      const token = await new SignJWT({ company_id: COMPANY_ID })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('user-1')
        .sign(new TextEncoder().encode(SECRET));

      await expect(verifier.verify(token)).rejects.toEqual(rejection('claims'));
    });

    it('should reject text that is not a JWT', async () => {
      await expect(verifier.verify('not-a-token')).rejects.toEqual(rejection('malformed'));
    });

    it('should read scopes from a scopes array and ignore unknown ones', async () => {
      const token = await signHs256({ scopes: ['audit:read', 'crm:everything', 'audit:read'] });

      await expect(verifier.verify(token)).resolves.toMatchObject({ scopes: ['audit:read'] });
    });

    it('should merge scope and scopes and tolerate extra whitespace', async () => {
      const token = await signHs256({ scope: '  policy:read   openid ', scopes: ['admin'] });

      await expect(verifier.verify(token)).resolves.toMatchObject({
        scopes: ['policy:read', 'admin'],
      });
    });

    it('should grant no scopes when the token names none', async () => {
      const token = await signHs256({});

      await expect(verifier.verify(token)).resolves.toMatchObject({ scopes: [] });
    });

    it('should check the issuer and audience when they are configured', async () => {
      const strict = new JwtVerifier(authConfig({ issuer: 'https://idp.test', audience: 'api' }));
      const { SignJWT } = await loadJose();
      const sign = (issuer: string) =>
        new SignJWT({ company_id: COMPANY_ID })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('user-1')
          .setIssuer(issuer)
          .setAudience('api')
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(SECRET));

      await expect(strict.verify(await sign('https://idp.test'))).resolves.toMatchObject({
        actorId: 'user-1',
      });
      await expect(strict.verify(await sign('https://evil.test'))).rejects.toEqual(
        rejection('claims'),
      );
    });
  });

  describe('with a remote key set', () => {
    let server: Server;
    let jwksUrl: string;
    let signingKey: SigningKey;
    let publicJwk: Record<string, unknown>;
    let status = 200;

    beforeAll(async () => {
      const { exportJWK, generateKeyPair } = await loadJose();
      const pair = await generateKeyPair('ES256');
      signingKey = pair.privateKey;
      publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' };

      server = createServer((_request, response) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ keys: [publicJwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    beforeEach(() => {
      status = 200;
    });

    const jwksConfig = () => authConfig({ jwtSecret: undefined, jwksUrl });

    async function signEs256(key: SigningKey, kid = 'key-1'): Promise<string> {
      const { SignJWT } = await loadJose();

      return new SignJWT({ company_id: COMPANY_ID, scope: 'secrets:read' })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setSubject('user-2')
        .setExpirationTime('5m')
        .sign(key);
    }

    it('should accept a token signed by a key the provider publishes', async () => {
      const verifier = new JwtVerifier(jwksConfig());

      await expect(verifier.verify(await signEs256(signingKey))).resolves.toEqual({
        actorId: 'user-2',
        companyId: COMPANY_ID,
        scopes: ['secrets:read'],
      });
    });

    it('should reject a token signed by a key the provider does not publish', async () => {
      const { generateKeyPair } = await loadJose();
      const stranger = await generateKeyPair('ES256');
      const verifier = new JwtVerifier(jwksConfig());

      await expect(verifier.verify(await signEs256(stranger.privateKey))).rejects.toEqual(
        rejection('signature'),
      );
    });

    it('should refuse an HS256 token keyed with the public key', async () => {
      // The classic confusion: the attacker uses the published key as an HMAC secret.
      const verifier = new JwtVerifier(jwksConfig());
      const token = await signHs256({}, { secret: JSON.stringify(publicJwk) });

      await expect(verifier.verify(token)).rejects.toEqual(rejection('algorithm'));
    });

    it('should report a failing provider as unavailable, not as a bad token', async () => {
      status = 500;
      const verifier = new JwtVerifier(jwksConfig());

      await expect(verifier.verify(await signEs256(signingKey))).rejects.toMatchObject({
        name: ServiceError.name,
        code: 'service_unavailable',
      });
    });
  });

  describe('with a key set nobody serves', () => {
    it('should report the provider as unavailable', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));

      const jwksUrl = `http://127.0.0.1:${port}/jwks.json`;
      const verifier = new JwtVerifier(authConfig({ jwtSecret: undefined, jwksUrl }));
      const { generateKeyPair, SignJWT } = await loadJose();
      const { privateKey } = await generateKeyPair('ES256');
      const token = await new SignJWT({ company_id: COMPANY_ID })
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject('user-3')
        .setExpirationTime('5m')
        .sign(privateKey);

      await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'service_unavailable' });
    });
  });

  describe('fromConfig', () => {
    it('should return no verifier when neither a secret nor a key set is configured', () => {
      expect(JwtVerifier.fromConfig(authConfig({ jwtSecret: undefined }))).toBeUndefined();
    });

    it('should refuse a configuration with both a secret and a key set', () => {
      expect(() => new JwtVerifier(authConfig({ jwksUrl: 'https://idp.test/jwks' }))).toThrow(
        /exactly one/,
      );
    });
  });
});
