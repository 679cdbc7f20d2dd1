import { randomUUID } from 'node:crypto';

import { buildAuthContext } from '@compliance/testing';

import { openVaultTestContext, VaultTestContext } from '../testing/vault-test-context';

const DAY_MS = 86_400_000;

describe('RotationJob', () => {
  let vault: VaultTestContext;

  beforeAll(async () => {
    vault = await openVaultTestContext();
  });

  afterAll(async () => {
    await vault.close();
  });

  it('should rotate due secrets and warn of expiry once, on one replica of several', async () => {
    const admin = buildAuthContext();
    const create = (overrides: Record<string, unknown>) =>
      vault.secrets.create(
        {
          name: `job/${randomUUID()}`,
          description: '',
          ownerService: 'crm-mail',
          tags: [],
          allowedServices: [],
          rotationSource: 'generated',
          generator: { length: 24, alphabet: 'abcdefghijklmnopqrstuvwxyz' },
          rotationIntervalDays: null,
          expiresAt: null,
          overlapHours: 1,
          ...overrides,
        },
        admin,
      );
    const due = await create({ rotationIntervalDays: 30 });
    // Expires in 5 days: past the 30- and 7-day thresholds, so one warning, at 7 days.
    const expiring = await create({ expiresAt: new Date(Date.now() + 5 * DAY_MS).toISOString() });
    await vault.dataSource.query(
      `UPDATE vault.secrets SET next_rotation_at = now() - interval '1 minute' WHERE id = $1`,
      [due.id],
    );

    const replicas = [vault.job(), vault.job(), vault.job()];
    const runs = await Promise.all(replicas.map((job) => job.run('2030-01-01')));

    expect(runs.filter((run) => run.ran)).toHaveLength(1);
    expect(runs.find((run) => run.ran)).toMatchObject({ rotated: 1, warnings: 1, failed: 0 });
    expect((await vault.secrets.get(due.id, admin)).currentVersion).toBe(2);

    const again = await vault.job().run('2030-01-02');
    expect(again).toMatchObject({ ran: true, rotated: 0, warnings: 0 });

    const warnings = await vault.dataSource.query<{ days: number }[]>(
      `SELECT (envelope->'payload'->>'daysBefore')::int AS days FROM vault.outbox
       WHERE subject = 'compliance.events.vault.secret.expiring.v1'
         AND envelope->'payload'->>'secretId' = $1`,
      [expiring.id],
    );
    expect(warnings).toEqual([{ days: 7 }]);
  });
});
