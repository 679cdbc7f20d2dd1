import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

import { AES_KEY_BYTES, openAesGcm, packGcm, sealAesGcm, unpackGcm } from '../../envelope/aes-gcm';
import { encodeKeyContext } from '../key-context';
import { KeyContext } from '../key-provider';

/**
 * The local provider's key-encryption keys, as pure functions. Version n of the KEK is
 * HKDF-SHA256 of the root key with the keyring's salt and the version in the info, so a
 * rotation needs no new secret, and every version stays derivable for old wrappings.
 */
export function deriveLocalKek(root: Buffer, salt: Buffer, version: number): Buffer {
  const info = `compliance.crypto.local-kek.v${version}`;

  return Buffer.from(hkdfSync('sha256', root, salt, info, AES_KEY_BYTES));
}

/** Stored with the keyring; a different master key or passphrase gives a different value. */
export function keyringCheckValue(root: Buffer, salt: Buffer): Buffer {
  const checkKey = Buffer.from(
    hkdfSync('sha256', root, salt, 'compliance.crypto.keyring-check', AES_KEY_BYTES),
  );

  return createHmac('sha256', checkKey).update('keyring check').digest();
}

export function checkValuesMatch(expected: Buffer, actual: Buffer): boolean {
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** nonce ‖ sealed data key ‖ tag, with the key's context as associated data. */
export function wrapDataKey(dek: Buffer, kek: Buffer, context: KeyContext): Buffer {
  return packGcm(sealAesGcm(kek, dek, encodeKeyContext(context)));
}

/** Throws when the KEK or the context is not the one the key was wrapped with. */
export function unwrapDataKey(blob: Buffer, kek: Buffer, context: KeyContext): Buffer {
  const sealed = unpackGcm(blob);

  if (!sealed) {
    throw new Error('the wrapped key is too short');
  }

  return openAesGcm(kek, sealed, encodeKeyContext(context));
}

export interface LocallyWrappedKey {
  blob: Buffer;
  context: KeyContext;
}

/** Moves wrapped data keys from one KEK to another in memory, as a KEK rotation does. */
export function rewrapDataKeys(
  keys: readonly LocallyWrappedKey[],
  oldKek: Buffer,
  newKek: Buffer,
): LocallyWrappedKey[] {
  return keys.map(({ blob, context }) => {
    const dek = unwrapDataKey(blob, oldKek, context);
    const rewrapped = wrapDataKey(dek, newKek, context);
    dek.fill(0);

    return { blob: rewrapped, context };
  });
}
