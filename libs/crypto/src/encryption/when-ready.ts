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
      if (!isNotReady(failure) || attempt >= READY_ATTEMPTS) {
        throw failure;
      }
    }
  }
}

/**
 * After a synchronous attempt failed: when only the keys were missing, prepares them and
 * uses them as `whenReady` does; any other failure becomes the rejection.
 */
export function unlessNotReady<T>(
  failure: unknown,
  use: () => T,
  prepare: () => Promise<void>,
): Promise<T> {
  return isNotReady(failure) ? whenReady(prepare, use) : rejectWith(failure);
}

/** The failure as a rejected promise, unchanged, so its stack and cause stay with it. */
async function rejectWith(failure: unknown): Promise<never> {
  throw failure;
}

function isNotReady(failure: unknown): boolean {
  return failure instanceof CryptoError && failure.reason === 'key_not_ready';
}
