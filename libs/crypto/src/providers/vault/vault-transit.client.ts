import { CryptoError } from '../../errors/crypto.error';

export interface VaultTransitConnection {
  address: string;
  token: string;
  mount: string;
  keyName: string;
  namespace?: string;
  timeoutMs: number;
}

export interface VaultCiphertext {
  ciphertext: string;
  keyVersion: number;
}

interface VaultAnswer {
  data?: Record<string, unknown>;
  errors?: string[];
}

const VERSION_PREFIX = /^vault:v(\d+):/;

/**
 * The few calls of Vault's transit engine a key provider needs, over plain HTTP. Failures
 * name the call and the status; Vault's own error text goes to the cause, never the token.
 */
export class VaultTransitClient {
  constructor(private readonly connection: VaultTransitConnection) {}

  async encrypt(plaintext: Buffer, context?: Buffer): Promise<VaultCiphertext> {
    const data = await this.call('encrypt', 'POST', `encrypt/${this.key}`, {
      plaintext: plaintext.toString('base64'),
      ...(context ? { context: context.toString('base64') } : {}),
    });

    return readCiphertext(data);
  }

  async decrypt(ciphertext: string, context?: Buffer): Promise<Buffer> {
    const data = await this.call('decrypt', 'POST', `decrypt/${this.key}`, {
      ciphertext,
      ...(context ? { context: context.toString('base64') } : {}),
    });

    if (typeof data.plaintext !== 'string') {
      throw CryptoError.keyUnavailable('Vault transit decrypt answered without plaintext');
    }

    return Buffer.from(data.plaintext, 'base64');
  }

  /** Vault moves the value to its latest key version without revealing it. */
  async rewrap(ciphertext: string, context?: Buffer): Promise<VaultCiphertext> {
    const data = await this.call('rewrap', 'POST', `rewrap/${this.key}`, {
      ciphertext,
      ...(context ? { context: context.toString('base64') } : {}),
    });

    return readCiphertext(data);
  }

  async rotate(): Promise<void> {
    await this.call('rotate', 'POST', `keys/${this.key}/rotate`, {});
  }

  async latestVersion(): Promise<number> {
    const data = await this.call('read key', 'GET', `keys/${this.key}`);
    const version = data.latest_version;

    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      throw CryptoError.keyUnavailable('Vault transit named no latest key version');
    }

    return version;
  }

  private get key(): string {
    return encodeURIComponent(this.connection.keyName);
  }

  private async call(
    action: string,
    method: 'GET' | 'POST',
    path: string,
    body?: object,
  ): Promise<Record<string, unknown>> {
    const { address, mount, token, namespace, timeoutMs } = this.connection;
    const url = `${address.replace(/\/+$/, '')}/v1/${mount}/${path}`;
    const headers: Record<string, string> = { 'X-Vault-Token': token };

    if (namespace) {
      headers['X-Vault-Namespace'] = namespace;
    }

    if (body) {
      headers['Content-Type'] = 'application/json';
    }

    let response: Response;

    try {
      response = await fetch(url, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (failure) {
      throw CryptoError.keyUnavailable(`Vault transit ${action} did not answer`, failure);
    }

    const answer = (await response.json().catch(() => ({}))) as VaultAnswer;

    if (!response.ok) {
      const detail = new Error(`Vault said: ${(answer.errors ?? []).join('; ')}`);
      throw CryptoError.keyUnavailable(
        `Vault transit ${action} failed with status ${response.status}`,
        detail,
      );
    }

    return answer.data ?? {};
  }
}

function readCiphertext(data: Record<string, unknown>): VaultCiphertext {
  const ciphertext = data.ciphertext;
  const match = typeof ciphertext === 'string' ? VERSION_PREFIX.exec(ciphertext) : null;

  if (typeof ciphertext !== 'string' || !match) {
    throw CryptoError.keyUnavailable('Vault transit answered without a ciphertext');
  }

  return { ciphertext, keyVersion: Number(match[1]) };
}
