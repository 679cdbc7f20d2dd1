import { CryptoError } from '../errors/crypto.error';

/** Attempts when another task used up a reservation or a cache entry between the steps. */
const READY_ATTEMPTS = 5;

/**
 * Prepares keys, then uses them synchronously. Between the two, other tasks may run and
 * take the last reserved encryption or the last cached use; the pair is then retried.
 */
export async function whenReady<T>(prepare: () => Promise<void>, use: () => T): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    await prepare();

    try {
      return use();
    } catch (failure) {
      const notReady = failure instanceof CryptoError && failure.reason === 'key_not_ready';

      if (!notReady || attempt >= READY_ATTEMPTS) {
        throw failure;
      }
    }
  }
}
