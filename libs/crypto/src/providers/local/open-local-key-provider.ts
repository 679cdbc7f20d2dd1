import { randomBytes } from 'node:crypto';

import { createLogger } from '@compliance/logging';
import { DataSource } from 'typeorm';

import { KeyConfigurationError } from '../../errors/key-configuration.error';
import { LocalKeyringRow } from '../../keyring/keyring-rows';
import { LocalKeyProviderSettings } from '../key-provider.settings';
import { KeyStretcher, processKeyStretcher } from './key-stretcher';
import { checkValuesMatch, keyringCheckValue } from './local-kek';
import { LOCAL_PROVIDER_ID, LocalKeyProvider } from './local-key.provider';
import { LocalKeyringStore, NewLocalKeyring } from './local-keyring.store';
import { LocalSecret, readLocalSecret } from './local-secret';

const SALT_BYTES = 16;

/**
 * Checks the configured secret, finds or creates the keyring row (its salt, derivation and
 * check value), derives the root key and refuses a secret that is not the keyring's own.
 */
export async function openLocalKeyProvider(
  settings: LocalKeyProviderSettings,
  dataSource: DataSource,
  stretcher: KeyStretcher = processKeyStretcher,
): Promise<LocalKeyProvider> {
  const logger = createLogger('LocalKeyProvider');
  const secret = readLocalSecret(settings);
  const keyring = new LocalKeyringStore(dataSource, LOCAL_PROVIDER_ID);

  const row = await keyring.findOrCreate(newKeyring(secret));
  const root = await deriveRoot(secret, row, stretcher);

  const check = keyringCheckValue(root, row.salt);
  const stored = await keyring.checkValue(check);

  if (!checkValuesMatch(stored, check)) {
    throw new KeyConfigurationError(
      secret.kind === 'passphrase' ? 'local.passphrase' : 'local.masterKey',
      'does not open this keyring: it is not the secret the keyring was created with',
    );
  }

  if (row.kdf === 'generated') {
    logger.warn('running on a generated development key kept in the database');
  }

  return new LocalKeyProvider(root, row.salt, await keyring.currentKekVersion(), keyring);
}

function newKeyring(secret: LocalSecret): NewLocalKeyring {
  const salt = randomBytes(SALT_BYTES);

  switch (secret.kind) {
    case 'master-key':
      return { kdf: 'hkdf-sha256', kdf_iterations: null, salt, generated_key: null };
    case 'passphrase':
      return { kdf: 'pbkdf2-sha256', kdf_iterations: secret.iterations, salt, generated_key: null };
    case 'generated':
      return { kdf: 'generated', kdf_iterations: null, salt, generated_key: randomBytes(32) };
  }
}

/** The keyring decides the derivation; a secret of another kind is a configuration error. */
async function deriveRoot(
  secret: LocalSecret,
  row: LocalKeyringRow,
  stretcher: KeyStretcher,
): Promise<Buffer> {
  if (secret.kind === 'master-key' && row.kdf === 'hkdf-sha256') {
    return secret.key;
  }

  if (secret.kind === 'passphrase' && row.kdf === 'pbkdf2-sha256' && row.kdf_iterations) {
    return stretcher.stretch(secret.passphrase, row.salt, row.kdf_iterations);
  }

  if (secret.kind === 'generated' && row.kdf === 'generated' && row.generated_key) {
    return row.generated_key;
  }

  const expected = { 'hkdf-sha256': 'a master key', 'pbkdf2-sha256': 'a passphrase' };

  throw new KeyConfigurationError(
    'local.masterKey',
    row.kdf === 'generated'
      ? 'this keyring runs on a generated development key; allow it, or use a new database'
      : `this keyring was created with ${expected[row.kdf]}; configure that instead`,
  );
}
