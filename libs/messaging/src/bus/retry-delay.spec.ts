import { retryDelayMs } from './retry-delay';

describe('retryDelayMs', () => {
  it('should double from one second and stop at five minutes', () => {
    // 1000 * 2^(attempt - 1), capped at 300,000 ms.
    expect([1, 2, 3, 9, 10, 50].map(retryDelayMs)).toEqual([
      1000, 2000, 4000, 256_000, 300_000, 300_000,
    ]);
  });
});
