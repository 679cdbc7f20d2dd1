import { randomUUID } from 'node:crypto';

import { RetentionMethod } from '@compliance/contracts';
import { buildAuthContext } from '@compliance/testing';
import fc from 'fast-check';

import { seedContact, SeededContact } from '../testing/crm-test-records';
import { openRetentionTestBed, RetentionTestBed } from '../testing/retention-test-bed';

const STATUSES = ['active', 'customer', 'vip'] as const;

const contactArbitrary = fc.record({
  ageDays: fc.integer({ min: 0, max: 1000 }),
  status: fc.constantFrom(...STATUSES),
  leads: fc.integer({ min: 0, max: 2 }),
  subjectHeld: fc.boolean(),
  restricted: fc.boolean(),
  leadHeld: fc.boolean(),
});

const scenarioArbitrary = fc.record({
  contacts: fc.array(contactArbitrary, { minLength: 1, maxLength: 12 }),
  method: fc.constantFrom<RetentionMethod>('soft', 'hard', 'archive'),
  periodDays: fc.integer({ min: 1, max: 900 }),
  heldStatus: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
  longer: fc.option(
    fc.record({
      periodDays: fc.integer({ min: 1, max: 900 }),
      status: fc.constantFrom(...STATUSES),
    }),
    { nil: undefined },
  ),
});

/** Whether the run may have touched a contact, as the rules say (not as the code does). */
function deletable(
  contact: { ageDays: number; status: string },
  scenario: { periodDays: number; longer?: { periodDays: number; status: string } },
): boolean {
  const expired = contact.ageDays > scenario.periodDays;
  const keptLonger =
    scenario.longer !== undefined &&
    contact.status === scenario.longer.status &&
    contact.ageDays <= scenario.longer.periodDays;

  return expired && !keptLonger;
}

describe('retention holds (property)', () => {
  let bed: RetentionTestBed;

  beforeAll(async () => {
    bed = await openRetentionTestBed({ batchSize: 4, pauseMs: 0, cron: '0 2 * * *' });
  });

  afterAll(async () => {
    await bed.close();
  });

  it('should never delete or mark a held record, and keep what a longer rule keeps', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const auth = buildAuthContext();
        const now = new Date();
        const seeded: { spec: (typeof scenario.contacts)[number]; contact: SeededContact }[] = [];

        for (const spec of scenario.contacts) {
          const contact = await seedContact(bed.dataSource, auth.companyId, {
            ageDays: spec.ageDays,
            status: spec.status,
            leads: spec.leads,
            activities: 1,
            now,
          });
          seeded.push({ spec, contact });

          if (spec.subjectHeld) {
            await bed.holds.create(
              {
                reason: 'case',
                scope: 'subject',
                subject: { kind: 'email', value: contact.email },
                conditions: [],
              },
              auth,
            );
          }
          if (spec.restricted) {
            await bed.blocks.open({
              companyId: auth.companyId,
              subject: { kind: 'email', value: contact.email },
              reason: 'dsr',
              sourceId: randomUUID(),
            });
          }
          if (spec.leadHeld && contact.leadIds.length > 0) {
            await bed.holds.create(
              {
                reason: 'lead audit',
                scope: 'filter',
                entity: 'lead',
                conditions: [{ field: 'id', operator: 'eq', value: contact.leadIds[0] }],
              },
              auth,
            );
          }
        }

        if (scenario.heldStatus) {
          await bed.holds.create(
            {
              reason: 'status hold',
              scope: 'filter',
              entity: 'contact',
              conditions: [{ field: 'status', operator: 'eq', value: scenario.heldStatus }],
            },
            auth,
          );
        }
        if (scenario.longer) {
          await bed.policies.create(
            {
              name: `longer-${randomUUID()}`,
              entity: 'contact',
              periodDays: scenario.longer.periodDays,
              dateField: 'created_at',
              method: 'hard',
              conditions: [{ field: 'status', operator: 'eq', value: scenario.longer.status }],
              schedule: '0 2 * * *',
              active: true,
              softDeleteColumn: null,
            },
            auth,
          );
        }

        const policy = await bed.policies.create(
          {
            name: `main-${randomUUID()}`,
            entity: 'contact',
            periodDays: scenario.periodDays,
            dateField: 'created_at',
            method: scenario.method,
            conditions: [],
            schedule: '0 2 * * *',
            active: true,
            softDeleteColumn: scenario.method === 'soft' ? 'deleted_at' : null,
          },
          auth,
        );
        const row = await bed.policies.row(policy.id, auth.companyId);
        bed.clock.set(now);
        const run = await bed.runs.start(row, auth, { trigger: 'cli' });
        await bed.executor.execute(run!.id);

        const rows: { id: string; deleted_at: Date | null }[] = await bed.dataSource.query(
          'SELECT id, deleted_at FROM crm_test.contacts WHERE company_id = $1',
          [auth.companyId],
        );
        const untouched = new Set(rows.filter((r) => r.deleted_at === null).map((r) => r.id));

        for (const { spec, contact } of seeded) {
          const held =
            spec.subjectHeld ||
            spec.restricted ||
            spec.status === scenario.heldStatus ||
            (scenario.method !== 'soft' && spec.leadHeld && contact.leadIds.length > 0);

          if (held || !deletable(spec, scenario)) {
            expect(untouched.has(contact.id)).toBe(true);
          } else {
            expect(untouched.has(contact.id)).toBe(false);
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
