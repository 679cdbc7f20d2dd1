import { randomUUID } from 'node:crypto';

import { DataSource } from 'typeorm';

import { computeBlindIndex } from '../blind-index/blind-index';
import { FieldBinding } from '../envelope/field-binding';
import { CryptoError } from '../errors/crypto.error';
import { CountingKeyProvider } from '../testing/counting-key-provider';
import { CryptoDatabase, openCryptoTestDatabase } from '../testing/crypto-database';
import { openTestLocalProvider, testMasterKey } from '../testing/local-provider.factory';
import { FieldEncryption } from './field-encryption';
import { FieldEncryptionOptions } from './field-encryption.options';

function binding(overrides: Partial<FieldBinding> = {}): FieldBinding {
  return {
    companyId: randomUUID(),
    entity: 'contact',
    field: 'email',
    recordId: randomUUID(),
    ...overrides,
  };
}

/** Polls `done` until it holds, for work a call leaves running in the background. */
async function waitFor(done: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !done(); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }

  expect(done()).toBe(true);
}

async function failure(attempt: Promise<unknown>): Promise<CryptoError> {
  const thrown = await attempt.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(CryptoError);
  return thrown as CryptoError;
}

describe(FieldEncryption.name, () => {
  const masterKey = testMasterKey();
  let database: CryptoDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await openCryptoTestDatabase();
    dataSource = await database.open();
  });

  afterAll(async () => {
    await database?.close();
  });

  /** A facade as a fresh process would build it: its own pool, provider and empty cache. */
  async function freshProcess(
    options: FieldEncryptionOptions = {},
  ): Promise<{ encryption: FieldEncryption; provider: CountingKeyProvider }> {
    const pool = await database.open();
    const provider = new CountingKeyProvider(await openTestLocalProvider(pool, masterKey));

    return { encryption: new FieldEncryption(pool, provider, options), provider };
  }

  it('should read back what it sealed, bound to the same row and column', async () => {
    const { encryption } = await freshProcess();
    const where = binding();

    const sealed = await encryption.encrypt('ada@example.com', where);

    expect(sealed).toMatch(/^v1\.[0-9a-f-]{36}\.1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(sealed).not.toContain('ada');
    await expect(encryption.decrypt(sealed, where)).resolves.toBe('ada@example.com');
  });

  it('should seal the same value differently each time', async () => {
    const { encryption } = await freshProcess();
    const where = binding();

    const first = await encryption.encrypt('same', where);
    const second = await encryption.encrypt('same', where);

    expect(first).not.toBe(second);
  });

  it('should refuse a value copied to another row, column, entity or company', async () => {
    const { encryption } = await freshProcess();
    const where = binding();
    const sealed = await encryption.encrypt('ada@example.com', where);
    const otherCompany = binding();
    await encryption.encrypt('warm the other company', otherCompany);

    const attempts = [
      { ...where, recordId: randomUUID() },
      { ...where, field: 'phone' },
      { ...where, entity: 'lead' },
      { ...where, companyId: otherCompany.companyId },
    ];

    for (const elsewhere of attempts) {
      const error = await failure(encryption.decrypt(sealed, elsewhere));

      expect(error.reason).toBe('authentication_failed');
      expect(error.message).toBe(
        'the encrypted value does not match its binding: authentication failed',
      );
    }
  });

  it('should decrypt in another process with one unwrap per data key, not per field', async () => {
    const { encryption: writer } = await freshProcess();
    const where = binding();
    const sealed = await Promise.all(
      Array.from({ length: 50 }, (_unused, index) =>
        writer.encrypt(`value ${index}`, { ...where, recordId: `r${index}` }),
      ),
    );
    const { encryption: reader, provider } = await freshProcess();

    const opened = await Promise.all(
      sealed.map((value, index) => reader.decrypt(value, { ...where, recordId: `r${index}` })),
    );

    expect(opened[49]).toBe('value 49');
    expect(provider.unwraps).toBe(1);
    expect(provider.wraps).toBe(0);
  });

  it('should wrap a new data key once and never unwrap the key it just made', async () => {
    const { encryption, provider } = await freshProcess();
    const where = binding();

    for (let index = 0; index < 20; index += 1) {
      const sealed = await encryption.encrypt(`value ${index}`, where);
      await encryption.decrypt(sealed, where);
    }

    expect(provider.wraps).toBe(1);
    expect(provider.unwraps).toBe(0);
  });

  it('should unwrap again once the cache entry is too old or used up', async () => {
    let now = 1_000_000;
    const { encryption: writer } = await freshProcess();
    const where = binding();
    const sealed = await writer.encrypt('aging', where);
    const { encryption, provider } = await freshProcess({
      cacheMaxAgeMs: 60_000,
      cacheMaxUses: 3,
      now: () => now,
    });

    // Uses 1 to 3 share one unwrap; the fourth needs a second one.
    for (let use = 0; use < 4; use += 1) {
      await encryption.decrypt(sealed, where);
    }
    expect(provider.unwraps).toBe(2);

    now += 60_001;
    await encryption.decrypt(sealed, where);

    expect(provider.unwraps).toBe(3);
  });

  it('should unwrap a fresh copy before the cached one runs out, so use never waits', async () => {
    const { encryption: writer } = await freshProcess();
    const where = binding();
    const sealed = await writer.encrypt('steady', where);
    const { encryption, provider } = await freshProcess({ cacheMaxUses: 8 });
    await encryption.decrypt(sealed, where);

    // Six uses leave two on the first copy: the second is unwrapped in the background.
    for (let use = 2; use <= 6; use += 1) {
      encryption.codec.decrypt(sealed, where);
    }
    await waitFor(() => provider.unwraps === 2);

    // More than the two left on the first copy, all without preparing again.
    for (let use = 0; use < 5; use += 1) {
      expect(encryption.codec.decrypt(sealed, where)).toBe('steady');
    }
    expect(provider.unwraps).toBe(2);
  });

  it('should move to a new data key version at the encryption limit and read the old', async () => {
    const { encryption } = await freshProcess({ maxEncryptionsPerKey: 5, reservationSize: 2 });
    const where = binding();

    const sealed: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      sealed.push(await encryption.encrypt(`value ${index}`, where));
    }
    const versions = await encryption.keyVersions(where.companyId);

    // Reserving 2 at a time, version 1 takes 4 (a third pair would pass 5), then version 2.
    expect(sealed.map((value) => value.split('.')[2])).toEqual(['1', '1', '1', '1', '2', '2', '2']);
    expect(versions?.versions.map((version) => version.encryptionCount)).toEqual([4, 4]);
    for (const [index, value] of sealed.entries()) {
      await expect(encryption.decrypt(value, where)).resolves.toBe(`value ${index}`);
    }
  });

  it("should end with one data key when two processes seal a company's first value", async () => {
    const companyId = randomUUID();
    const processes = await Promise.all([freshProcess(), freshProcess(), freshProcess()]);

    const sealed = await Promise.all(
      processes.flatMap(({ encryption }) =>
        Array.from({ length: 5 }, () => encryption.encrypt('race', binding({ companyId }))),
      ),
    );
    const [row] = await dataSource.query<{ sets: number; keys: number }[]>(
      `SELECT count(DISTINCT s.id)::int AS sets, count(d.id)::int AS keys
       FROM crypto.key_sets s JOIN crypto.data_keys d ON d.key_set_id = s.id
       WHERE s.company_id = $1`,
      [companyId],
    );

    expect(row).toEqual({ sets: 1, keys: 1 });
    expect(new Set(sealed.map((value) => value.split('.')[1])).size).toBe(1);
  });

  it('should store no key in clear and no plaintext in the keyring', async () => {
    const { encryption } = await freshProcess();
    const where = binding();
    await encryption.encrypt('secret-value-123', where);

    const [row] = await dataSource.query<{ json: string }[]>(
      `SELECT json_agg(d)::text AS json FROM crypto.data_keys d WHERE company_id = $1`,
      [where.companyId],
    );

    expect(row.json).not.toContain('secret-value-123');
    expect(row.json).not.toContain(masterKey);
  });

  it('should answer a value whose key is not in the keyring without naming anything', async () => {
    const { encryption } = await freshProcess();
    const sealed = await encryption.encrypt('x', binding());
    const foreign = sealed.replace(/^v1\.[0-9a-f-]{36}/, `v1.${randomUUID()}`);

    const error = await failure(encryption.decrypt(foreign, binding()));

    expect(error.reason).toBe('key_unavailable');
  });

  it('should key blind indexes apart from the data key and from other companies', async () => {
    const { encryption } = await freshProcess();
    const companyId = randomUUID();
    await encryption.encrypt('warm the data key', binding({ companyId }));

    const index = await encryption.blindIndex('email', 'Ada@Example.com', companyId);
    const elsewhere = await encryption.blindIndex('email', 'Ada@Example.com', randomUUID());
    const { encryption: otherProcess } = await freshProcess();
    const [row] = await dataSource.query<
      { key_set_id: string; kek_provider: string; kek_version: number; wrapped_key: Buffer }[]
    >(
      `SELECT d.key_set_id, d.kek_provider, d.kek_version, d.wrapped_key
       FROM crypto.data_keys d JOIN crypto.key_sets s ON s.id = d.key_set_id
       WHERE s.company_id = $1 AND s.purpose = 'data'`,
      [companyId],
    );
    const provider = await openTestLocalProvider(dataSource, masterKey);
    const dataKey = await provider.unwrap(
      { providerId: row.kek_provider, kekVersion: row.kek_version, blob: row.wrapped_key },
      { companyId, keyId: row.key_set_id, version: 1, purpose: 'data', subjectId: null },
    );
    const options = { encoding: 'hex' as const, defaultCountryCode: '+1' };

    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(index).not.toBe(computeBlindIndex(dataKey, 'email', 'Ada@Example.com', options));
    expect(index).not.toBe(elsewhere);
    await expect(otherProcess.blindIndex('email', ' ada@example.COM', companyId)).resolves.toBe(
      index,
    );
  });
});
