import { CryptoError } from '../errors/crypto.error';
import { unlessNotReady } from './when-ready';

describe('unlessNotReady', () => {
  it('should prepare and use again when only the keys were not ready', async () => {
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

    await expect(unlessNotReady(CryptoError.notReady(), use, prepare)).resolves.toBe('sealed');
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it('should reject with any other failure as it is, without preparing', async () => {
    const prepare = jest.fn(async () => undefined);
    const use = jest.fn(() => 'sealed');
    const invalid = CryptoError.invalidBinding('entity');

    await expect(unlessNotReady(invalid, use, prepare)).rejects.toBe(invalid);
    expect(prepare).not.toHaveBeenCalled();
    expect(use).not.toHaveBeenCalled();
  });
});
