import { randomUUID } from 'node:crypto';

import { AuthContext, ServiceError } from '@compliance/contracts';
import { buildAuthContext } from '@compliance/testing';

import { openVaultTestContext, VaultTestContext } from '../testing/vault-test-context';

const GENERATOR = { length: 32, alphabet: 'abcdefghijklmnopqrstuvwxyz012345' };

describe('SecretRotationService', () => {
  let vault: VaultTestContext;
  let admin: AuthContext;
  let service: AuthContext;

  beforeAll(async () => {
    vault = await openVaultTestContext();
    admin = buildAuthContext();
    service = buildAuthContext({
      companyId: admin.companyId,
      actor: { type: 'service', id: 'crm-mail' },
      scopes: [],
    });
  });

  afterAll(async () => {
    await vault.close();
  });

  async function createSecret(overrides: Record<string, unknown> = {}) {
    return vault.secrets.create(
      {
        name: `crm/${randomUUID()}`,
        description: '',
        ownerService: 'crm-mail',
        tags: [],
        allowedServices: ['crm-mail'],
        rotationSource: 'generated',
        generator: GENERATOR,
        rotationIntervalDays: null,
        expiresAt: null,
        overlapHours: 24,
        notifyEmail: null,
        ...overrides,
      },
      admin,
    );
  }

  async function currentRows(secretId: string) {
    return vault.dataSource.query<{ version: number }[]>(
      'SELECT version FROM vault.secret_versions WHERE secret_id = $1 AND is_current',
      [secretId],
    );
  }

  it('should keep every version when rotations run at the same time', async () => {
    const secret = await createSecret();

    await Promise.all(
      Array.from({ length: 6 }, () => vault.rotation.rotate(secret.id, undefined, admin)),
    );

    const versions = await vault.secrets.listVersions(secret.id, admin);
    // One first version plus six rotations: 7 versions, numbered without gaps.
    expect(versions.items.map((v) => v.version).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
    expect(await currentRows(secret.id)).toEqual([{ version: 7 }]);
    expect((await vault.secrets.get(secret.id, admin)).currentVersion).toBe(7);
  });

  it('should serve every read while the secret rotates', async () => {
    const secret = await createSecret();
    let rotating = true;
    const failures: unknown[] = [];
    const seen = new Set<number>();

    const reader = async () => {
      while (rotating) {
        try {
          const read = await vault.access.read(secret.name, undefined, service);
          seen.add(read.version);
        } catch (error) {
          failures.push(error);
        }
      }
    };
    const readers = [reader(), reader(), reader()];

    for (let round = 0; round < 8; round += 1) {
      await vault.rotation.rotate(secret.id, undefined, admin);
    }
    rotating = false;
    await Promise.all(readers);

    expect(failures).toEqual([]);
    expect(seen.size).toBeGreaterThan(1);
  });

  it('should leave exactly one current, readable version if a rotation fails midway', async () => {
    const secret = await createSecret({ value: 'first-value', rotationSource: 'supplied' });

    // A real failure after the new version row is written: the outbox refuses the event.
    await vault.dataSource.query(`
      CREATE FUNCTION vault.refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$`);
    await vault.dataSource.query(`
      CREATE TRIGGER refuse_outbox BEFORE INSERT ON vault.outbox
      FOR EACH ROW EXECUTE FUNCTION vault.refuse_outbox()`);

    try {
      await expect(vault.rotation.rotate(secret.id, 'second-value', admin)).rejects.toThrow();
    } finally {
      await vault.dataSource.query('DROP TRIGGER refuse_outbox ON vault.outbox');
      await vault.dataSource.query('DROP FUNCTION vault.refuse_outbox()');
    }

    expect(await currentRows(secret.id)).toEqual([{ version: 1 }]);
    expect((await vault.access.read(secret.name, undefined, service)).value).toBe('first-value');
  });

  it('should keep the previous version readable by services only within the overlap', async () => {
    const secret = await createSecret({ value: 'old', rotationSource: 'supplied' });
    await vault.rotation.rotate(secret.id, 'new', admin);

    expect((await vault.access.read(secret.name, 1, service)).value).toBe('old');
    expect((await vault.access.read(secret.name, undefined, service)).value).toBe('new');

    await vault.dataSource.query(
      `UPDATE vault.secret_versions SET readable_until = now() - interval '1 second'
       WHERE secret_id = $1 AND version = 1`,
      [secret.id],
    );
    await expect(vault.access.read(secret.name, 1, service)).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('should refuse and log a read by an identity the secret does not allow', async () => {
    const secret = await createSecret();
    const stranger = { ...service, actor: { type: 'service' as const, id: 'crm-sales' } };

    await expect(vault.access.read(secret.name, undefined, stranger)).rejects.toBeInstanceOf(
      ServiceError,
    );

    const log = await vault.logs.list({ limit: 5, offset: 0, secretId: secret.id }, admin);
    expect(log.items[0]).toMatchObject({ action: 'read', outcome: 'denied', actorId: 'crm-sales' });
  });

  it('should get an external value from its owning module and from no other', async () => {
    const secret = await createSecret({ value: 'issued-elsewhere', rotationSource: 'external' });

    const requested = await vault.rotation.rotate(secret.id, undefined, admin);
    expect(requested.outcome).toBe('requested');
    const [event] = await vault.dataSource.query<{ subject: string }[]>(
      `SELECT subject FROM vault.outbox WHERE envelope->'payload'->>'secretId' = $1`,
      [secret.id],
    );
    expect(event.subject).toBe('compliance.events.vault.secret.rotation-requested.v1');

    const intruder = { ...service, actor: { type: 'service' as const, id: 'crm-sales' } };
    await expect(vault.rotation.supply(secret.name, 'forged', intruder)).rejects.toMatchObject({
      code: 'forbidden',
    });

    const supplied = await vault.rotation.supply(secret.name, 'reissued', service);
    expect(supplied.version).toBe(2);
    expect((await vault.secrets.get(secret.id, admin)).rotationRequestedAt).toBeNull();
  });

  it('should disable and destroy old versions but never the current one', async () => {
    const secret = await createSecret();
    await vault.rotation.rotate(secret.id, undefined, admin);

    await expect(
      vault.rotation.changeVersion(secret.id, 2, 'disabled', admin),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect((await vault.rotation.changeVersion(secret.id, 1, 'destroyed', admin)).status).toBe(
      'destroyed',
    );
    await expect(vault.rotation.rollback(secret.id, 1, admin)).rejects.toMatchObject({
      code: 'conflict',
    });
    const [row] = await vault.dataSource.query<{ value_ciphertext: string | null }[]>(
      'SELECT value_ciphertext FROM vault.secret_versions WHERE secret_id = $1 AND version = 1',
      [secret.id],
    );
    expect(row.value_ciphertext).toBeNull();
  });

  it('should store values only as bound ciphertext', async () => {
    const secret = await createSecret({
      value: 'plain-text-never-stored',
      rotationSource: 'supplied',
    });
    const rows = await vault.dataSource.query<{ id: string; value_ciphertext: string }[]>(
      'SELECT id, value_ciphertext FROM vault.secret_versions WHERE secret_id = $1',
      [secret.id],
    );

    expect(rows[0].value_ciphertext).not.toContain('plain-text-never-stored');
    // Moved onto another version row, the ciphertext no longer opens.
    await expect(
      vault.encryption.decrypt(rows[0].value_ciphertext, {
        companyId: admin.companyId,
        entity: 'vault.secret_versions',
        field: 'value',
        recordId: randomUUID(),
      }),
    ).rejects.toThrow();
  });
});
