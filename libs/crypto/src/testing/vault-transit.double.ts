import { createHmac, randomBytes } from 'node:crypto';

import { openAesGcm, packGcm, sealAesGcm, unpackGcm } from '../envelope/aes-gcm';
import { DoubleAnswer, DoubleRequest, startHttpDouble } from './http-double';

interface TransitKey {
  versions: Buffer[];
  derived: boolean;
}

export interface VaultTransitDouble {
  address: string;
  token: string;
  mount: string;
  /** Paths called, in order, such as `POST encrypt/pii`. */
  calls: string[];
  createKey(name: string, options?: { derived?: boolean }): void;
  close: () => Promise<void>;
}

const CIPHERTEXT = /^vault:v(\d+):([A-Za-z0-9+/=]+)$/;

/**
 * Vault's transit engine as documented (encrypt, decrypt, rewrap, rotate, read key), with
 * its JSON shapes, `X-Vault-Token` check and `vault:v<n>:` ciphertexts. Keys are made on
 * first encrypt, as Vault does with an upsert policy.
 */
export async function startVaultTransitDouble(mount = 'transit'): Promise<VaultTransitDouble> {
  const token = `s.${randomBytes(12).toString('hex')}`;
  const keys = new Map<string, TransitKey>();
  const calls: string[] = [];

  const createKey = (name: string, options: { derived?: boolean } = {}): void => {
    keys.set(name, { versions: [randomBytes(32)], derived: options.derived ?? false });
  };

  const handle = (request: DoubleRequest): DoubleAnswer => {
    if (request.headers['x-vault-token'] !== token) {
      return { status: 403, body: { errors: ['permission denied'] } };
    }

    const prefix = `/v1/${mount}/`;
    const path = request.path.startsWith(prefix) ? request.path.slice(prefix.length) : '';
    const [action, encodedName, extra] = path.split('/');
    const name = decodeURIComponent(encodedName ?? '');
    calls.push(`${request.method} ${path}`);

    if (action === 'keys' && request.method === 'POST' && extra === undefined) {
      createKey(name, { derived: request.body.derived === true });
      return { status: 204 };
    }

    if (action === 'encrypt' && !keys.has(name)) {
      createKey(name);
    }

    const key = keys.get(name);

    if (!key) {
      return { status: 404, body: { errors: [] } };
    }

    if (action === 'keys' && request.method === 'GET' && extra === undefined) {
      return { status: 200, body: { data: describe(key) } };
    }

    if (action === 'keys' && extra === 'rotate') {
      key.versions.push(randomBytes(32));
      return { status: 200, body: { data: describe(key) } };
    }

    return transit(action, key, request.body);
  };

  const server = await startHttpDouble(handle);

  return { address: server.url, token, mount, calls, createKey, close: server.close };
}

function transit(action: string, key: TransitKey, body: Record<string, unknown>): DoubleAnswer {
  const context = typeof body.context === 'string' ? Buffer.from(body.context, 'base64') : null;

  if (key.derived && !context) {
    return { status: 400, body: { errors: ["missing 'context' for key derivation"] } };
  }

  if (action === 'encrypt') {
    return sealed(key, Buffer.from(String(body.plaintext), 'base64'), context);
  }

  const opened = open(key, String(body.ciphertext), context);

  if (typeof opened === 'string') {
    return { status: 400, body: { errors: [opened] } };
  }

  if (action === 'decrypt') {
    return { status: 200, body: { data: { plaintext: opened.toString('base64') } } };
  }

  if (action === 'rewrap') {
    return sealed(key, opened, context);
  }

  return { status: 404, body: { errors: [] } };
}

function sealed(key: TransitKey, plaintext: Buffer, context: Buffer | null): DoubleAnswer {
  const version = key.versions.length;
  const packed = packGcm(sealAesGcm(versionKey(key, version, context), plaintext, Buffer.alloc(0)));

  return {
    status: 200,
    body: {
      data: { ciphertext: `vault:v${version}:${packed.toString('base64')}`, key_version: version },
    },
  };
}

function open(key: TransitKey, ciphertext: string, context: Buffer | null): Buffer | string {
  const match = CIPHERTEXT.exec(ciphertext);
  const version = match ? Number(match[1]) : 0;
  const parts = match ? unpackGcm(Buffer.from(match[2], 'base64')) : undefined;

  if (!parts || version < 1 || version > key.versions.length) {
    return 'invalid ciphertext';
  }

  try {
    return openAesGcm(versionKey(key, version, context), parts, Buffer.alloc(0));
  } catch {
    return 'cipher: message authentication failed';
  }
}

function versionKey(key: TransitKey, version: number, context: Buffer | null): Buffer {
  const base = key.versions[version - 1];

  return key.derived && context ? createHmac('sha256', base).update(context).digest() : base;
}

function describe(key: TransitKey): Record<string, unknown> {
  return {
    type: 'aes256-gcm96',
    derived: key.derived,
    latest_version: key.versions.length,
    min_decryption_version: 1,
  };
}
