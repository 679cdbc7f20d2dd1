import { randomBytes } from 'node:crypto';

import { KeyStretcher, PassphraseDerivation, PBKDF2_MIN_ITERATIONS } from './key-stretcher';

function countingDerivation(): { derive: PassphraseDerivation; calls: () => number } {
  let calls = 0;
  const derive: PassphraseDerivation = async (passphrase, salt, iterations) => {
    calls += 1;
    return Buffer.from(`${passphrase}:${salt.toString('hex')}:${iterations}`).subarray(0, 32);
  };
  return { derive, calls: () => calls };
}

describe(KeyStretcher.name, () => {
  it('should stretch the same passphrase and salt once, however many ask at once', async () => {
    const { derive, calls } = countingDerivation();
    const stretcher = new KeyStretcher(derive);
    const salt = randomBytes(16);

    const keys = await Promise.all(
      Array.from({ length: 10 }, () =>
        stretcher.stretch('passphrase', salt, PBKDF2_MIN_ITERATIONS),
      ),
    );
    await stretcher.stretch('passphrase', salt, PBKDF2_MIN_ITERATIONS);

    expect(calls()).toBe(1);
    expect(new Set(keys.map((key) => key.toString('hex'))).size).toBe(1);
  });

  it('should stretch again for another salt or passphrase', async () => {
    const { derive, calls } = countingDerivation();
    const stretcher = new KeyStretcher(derive);
    const salt = randomBytes(16);

    await stretcher.stretch('passphrase', salt, PBKDF2_MIN_ITERATIONS);
    await stretcher.stretch('passphrase', randomBytes(16), PBKDF2_MIN_ITERATIONS);
    await stretcher.stretch('other passphrase', salt, PBKDF2_MIN_ITERATIONS);

    expect(calls()).toBe(3);
  });

  it('should refuse fewer than 600,000 rounds', async () => {
    const stretcher = new KeyStretcher(countingDerivation().derive);

    await expect(stretcher.stretch('passphrase', randomBytes(16), 599_999)).rejects.toThrow(
      'PBKDF2 needs at least 600000 rounds',
    );
  });

  it('should forget a failed derivation so that a retry can succeed', async () => {
    let fail = true;
    const stretcher = new KeyStretcher(async () => {
      if (fail) {
        fail = false;
        throw new Error('out of memory');
      }
      return randomBytes(32);
    });
    const salt = randomBytes(16);

    await expect(stretcher.stretch('p', salt, PBKDF2_MIN_ITERATIONS)).rejects.toThrow(
      'out of memory',
    );
    await expect(stretcher.stretch('p', salt, PBKDF2_MIN_ITERATIONS)).resolves.toHaveLength(32);
  });
});
