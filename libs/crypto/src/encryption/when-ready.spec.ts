import { CryptoError } from '../errors/crypto.error';
import { nowOrWhenReady } from './when-ready';

describe('nowOrWhenReady', () => {
  it('should use warm keys at once, without preparing', async () => {
    const prepare = jest.fn(async () => undefined);

    await expect(nowOrWhenReady(prepare, () => 'sealed')).resolves.toBe('sealed');
    expect(prepare).not.toHaveBeenCalled();
  });

  it('should prepare and use again when the keys are not ready', async () => {
    let ready = false;
    const prepare = jest.fn(async () => {
      ready = true;
    });
    const use = () => {
      if (!ready) {
        throw CryptoError.notReady();
      }
      return 'sealed';
    };

    await expect(nowOrWhenReady(prepare, use)).resolves.toBe('sealed');
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it('should turn any other failure into a rejection, without preparing', async () => {
    const prepare = jest.fn(async () => undefined);
    const invalid = CryptoError.invalidBinding('entity');
    let outcome: Promise<unknown> | undefined;

    expect(() => {
      outcome = nowOrWhenReady(prepare, () => {
        throw invalid;
      });
    }).not.toThrow();
    await expect(outcome).rejects.toBe(invalid);
    expect(prepare).not.toHaveBeenCalled();
  });
});
