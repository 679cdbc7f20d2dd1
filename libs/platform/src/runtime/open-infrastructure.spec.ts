import { withRetry } from './open-infrastructure';

describe('withRetry', () => {
  it('should keep trying a dependency that is still starting, then return its result', async () => {
    let attempts = 0;

    const result = await withRetry('a server that is starting', async () => {
      attempts += 1;
      if (attempts < 3) {
        throw new Error('connection refused');
      }
      return 'connected';
    });

    // Two failures wait 0.5 s and 1 s before the third attempt succeeds.
    expect(result).toBe('connected');
    expect(attempts).toBe(3);
  });
});
