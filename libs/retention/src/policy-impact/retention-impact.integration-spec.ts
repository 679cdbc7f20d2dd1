import { randomUUID } from 'node:crypto';

import {
  AnyRequestContract,
  AuthContext,
  createLegalHold,
  createRetentionPolicy,
  ImpactReport,
  ImpactRequest,
  registerRetentionDataMap,
  RequestOf,
  ResponseOf,
  retentionImpact,
} from '@compliance/contracts';
import { openDataSource } from '@compliance/persistence';
import { buildAuthContext, ServiceTestBed, startServiceTestBed } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { SubjectBlocksRepository } from '../blocks/subject-blocks.repository';
import { retentionService } from '../retention-service.definition';
import { seedContact } from '../testing/crm-test-records';
import { CRM_TEST_DATA_MAP, CRM_TEST_SCHEMA_SQL } from '../testing/retention-test-bed';

const NOW = new Date('2027-03-01T00:00:00Z');
const ACTIVE_ID = '00000000-0000-4000-8000-0000000000b1';

function contactPolicy(period: string): string {
  return `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: contacts-${period.toLowerCase()}
spec:
  retention:
    rules:
      - { id: contacts, entity: contact, period: ${period}, dateField: created_at, method: hard }
      - { id: invoices, entity: invoice, period: P10Y, dateField: issued_at, method: hard }
`;
}

type Counts = Record<string, { current: number; candidate: number }>;

describe('RetentionImpactService over NATS and PostgreSQL', () => {
  let bed: ServiceTestBed;
  const companyId = randomUUID();
  const auth = buildAuthContext({ companyId });
  let dataSource: DataSource;

  async function ask<C extends AnyRequestContract>(
    contract: C,
    payload: RequestOf<C>,
    context: AuthContext = auth,
  ): Promise<ResponseOf<C>> {
    return bed.ask(contract, payload, context);
  }

  async function impact(request: ImpactRequest, context: AuthContext = auth): Promise<Counts> {
    const report: ImpactReport = await ask(retentionImpact, request, context);

    expect(report.service).toBe('retention');
    return Object.fromEntries(report.items.map(({ key, ...counts }) => [key, counts]));
  }

  const shortening = (): ImpactRequest => ({
    candidate: contactPolicy('P1Y'),
    replacesPolicyId: ACTIVE_ID,
    active: [{ policyId: ACTIVE_ID, document: contactPolicy('P3Y') }],
    now: NOW.toISOString(),
  });

  /** A digest of every row of the CRM's and the service's tables, to prove nothing moved. */
  async function snapshot(): Promise<unknown> {
    const tables: { name: string }[] = await dataSource.query(
      `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
       WHERE table_schema IN ('audit', 'crm_test', 'retention') AND table_type = 'BASE TABLE'
       ORDER BY 1`,
    );
    const digests: Record<string, unknown> = {};

    for (const { name } of tables) {
      const [row]: { digest: string | null }[] = await dataSource.query(
        `SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) AS digest FROM ${name} t`,
      );
      digests[name] = row.digest;
    }

    return digests;
  }

  beforeAll(async () => {
    bed = await startServiceTestBed(retentionService, 'retention-impact');
    dataSource = await openDataSource({
      endpoint: { kind: 'url', url: bed.database.url },
      entities: [],
      poolSize: 2,
      applicationName: 'retention-impact-test',
    });
    await dataSource.query(CRM_TEST_SCHEMA_SQL);
    await ask(registerRetentionDataMap, { dataMap: CRM_TEST_DATA_MAP });

    // P3Y is 1,095 days and P1Y 365: only the 1,200-day contact is past three years; the
    // 500- and 800-day ones are past one year too; the 100-day one is past neither.
    const seeds = [
      { ageDays: 100 },
      { ageDays: 500, email: 'restricted@x.test', leads: 1, activities: 2 },
      { ageDays: 800, email: 'held@x.test' },
      { ageDays: 1200, leads: 1 },
      // A hand-made rule keeps VIPs ten years, whatever the compliance policies say.
      { ageDays: 1200, status: 'vip' },
    ];
    for (const seed of seeds) {
      await seedContact(dataSource, companyId, { ...seed, now: NOW });
    }
    await ask(createRetentionPolicy, {
      name: 'vip-contacts',
      entity: 'contact',
      periodDays: 3650,
      dateField: 'created_at',
      method: 'hard',
      conditions: [{ field: 'status', operator: 'eq', value: 'vip' }],
      schedule: '0 2 * * *',
      active: true,
      softDeleteColumn: null,
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await bed?.close();
  });

  it('should count more records when a candidate cuts P3Y to P1Y, changing nothing', async () => {
    const before = await snapshot();

    const counts = await impact(shortening());

    // Contacts: 1,200 days (the VIP kept) against 500, 800 and 1,200. The 1,200-day
    // contact's lead goes with it; the 500-day one takes its lead and two activities.
    expect(counts).toEqual({
      contact: { current: 1, candidate: 3 },
      'contact:contacts': { current: 1, candidate: 3 },
      lead: { current: 1, candidate: 2 },
      activity: { current: 0, candidate: 2 },
      'invoice:invoices:unmapped': { current: 0, candidate: 0 },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('should leave out what a legal hold or a restriction protects', async () => {
    await ask(createLegalHold, {
      reason: 'litigation',
      scope: 'subject',
      subject: { kind: 'email', value: 'held@x.test' },
      conditions: [],
    });
    await new SubjectBlocksRepository(dataSource).open({
      companyId,
      subject: { kind: 'email', value: 'restricted@x.test' },
      reason: 'restriction',
      sourceId: randomUUID(),
    });
    const before = await snapshot();

    const counts = await impact(shortening());

    // The held 800-day contact and the restricted 500-day one, with its lead and
    // activities, stay: only the 1,200-day contact and its lead are left under P1Y, and
    // no activity is reached at all.
    expect(counts).toEqual({
      contact: { current: 1, candidate: 1 },
      'contact:contacts': { current: 1, candidate: 1 },
      lead: { current: 1, candidate: 1 },
      'invoice:invoices:unmapped': { current: 0, candidate: 0 },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('should count nothing of another company', async () => {
    const counts = await impact(shortening(), buildAuthContext({ companyId: randomUUID() }));

    expect(counts).toEqual({
      contact: { current: 0, candidate: 0 },
      'contact:contacts': { current: 0, candidate: 0 },
      'invoice:invoices:unmapped': { current: 0, candidate: 0 },
    });
  });
});
