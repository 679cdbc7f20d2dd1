import { createHash, pbkdf2 } from 'node:crypto';

/** OWASP's floor for PBKDF2-HMAC-SHA256 (2023); fewer is refused. */
export const PBKDF2_MIN_ITERATIONS = 600_000;

export type PassphraseDerivation = (
  passphrase: string,
  salt: Buffer,
  iterations: number,
) => Promise<Buffer>;

export const pbkdf2Sha256: PassphraseDerivation = (passphrase, salt, iterations) =>
  new Promise((resolve, reject) => {
    pbkdf2(passphrase, salt, iterations, 32, 'sha256', (failure, key) =>
      failure ? reject(failure) : resolve(key),
    );
  });

/**
 * Stretches a passphrase once per process: every provider, facade or pool that asks for
 * the same passphrase, salt and iteration count shares the first derivation. Half a
 * second of PBKDF2 per field, or per request, would be both slow and pointless.
 */
export class KeyStretcher {
  private readonly stretched = new Map<string, Promise<Buffer>>();

  constructor(private readonly derive: PassphraseDerivation = pbkdf2Sha256) {}

  stretch(passphrase: string, salt: Buffer, iterations: number): Promise<Buffer> {
    if (iterations < PBKDF2_MIN_ITERATIONS) {
      return Promise.reject(new Error(`PBKDF2 needs at least ${PBKDF2_MIN_ITERATIONS} rounds`));
    }

    const id = createHash('sha256')
      .update(salt)
      .update(String(iterations))
      .update(passphrase)
      .digest('hex');
    const known = this.stretched.get(id);

    if (known) {
      return known;
    }

    // A failed derivation is forgotten, so a retry can succeed.
    const derivation = this.derive(passphrase, salt, iterations).catch((failure: unknown) => {
      this.stretched.delete(id);
      throw failure;
    });
    this.stretched.set(id, derivation);

    return derivation;
  }
}

/** The one stretcher of this process. */
export const processKeyStretcher = new KeyStretcher();
