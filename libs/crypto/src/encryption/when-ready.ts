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
 * `use` at once when its keys are already loaded, as they are for all but the first call
 * of a cache lifetime; otherwise the keys are prepared first, as `whenReady` does.
 */
export function nowOrWhenReady<T>(prepare: () => Promise<void>, use: () => T): Promise<T> {
  try {
    return Promise.resolve(use());
  } catch (failure) {
    return isNotReady(failure) ? whenReady(prepare, use) : rejectWith(failure);
  }
}

/** The failure as a rejected promise, unchanged, so its stack and cause stay with it. */
async function rejectWith(failure: unknown): Promise<never> {
  throw failure;
}

function isNotReady(failure: unknown): boolean {
  return failure instanceof CryptoError && failure.reason === 'key_not_ready';
}
