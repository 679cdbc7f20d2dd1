import { randomBytes } from 'node:crypto';

import { DataSource } from 'typeorm';

import { createKeyProvider } from '../providers/key-provider.factory';
import { KeyProvider } from '../providers/key-provider';

export function testMasterKey(): string {
  return randomBytes(32).toString('base64');
}

/** A local provider on a fresh random master key, as tests use it. */
export async function openTestLocalProvider(
  dataSource: DataSource,
  masterKey = testMasterKey(),
): Promise<KeyProvider> {
  return createKeyProvider({ kind: 'local', environment: 'test', masterKey }, { dataSource });
}
