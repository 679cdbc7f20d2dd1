import { randomUUID } from 'node:crypto';

import {
  AnyRequestContract,
  AuthContext,
  checkTransfer,
  ImpactReport,
  RequestOf,
  ResponseOf,
  transferImpact,
} from '@compliance/contracts';
import { openDataSource } from '@compliance/persistence';
import { buildAuthContext, ServiceTestBed, startServiceTestBed } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { policyService } from '../policy-service.definition';

const ACTIVE_ID = '00000000-0000-4000-8000-0000000000b1';

function residencyPolicy(enforcement: 'soft' | 'hard', replicas: string[]): string {
  return `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: residency-${enforcement}
spec:
  enforcement: ${enforcement}
  residency:
    primaryRegion: eu-west-1
    replicationRegions: [${replicas.join(', ')}]
    blockCrossRegionTransfers: true
`;
}

describe('TransferImpactService over NATS and PostgreSQL', () => {
  let bed: ServiceTestBed;
  const companyId = randomUUID();
  let dataSource: DataSource;

  async function ask<C extends AnyRequestContract>(
    contract: C,
    payload: RequestOf<C>,
    auth: AuthContext = buildAuthContext({ companyId }),
  ): Promise<ResponseOf<C>> {
    return bed.ask(contract, payload, auth);
  }

  const counts = (report: ImpactReport) =>
    Object.fromEntries(report.items.map(({ key, ...numbers }) => [key, numbers]));

  beforeAll(async () => {
    bed = await startServiceTestBed(policyService, 'transfer-impact');
    dataSource = await openDataSource({
      endpoint: { kind: 'url', url: bed.database.url },
      entities: [],
      poolSize: 2,
      applicationName: 'transfer-impact-test',
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await bed?.close();
  });

  it('should record every transfer check by its route only', async () => {
    const routes: [string, string][] = [
      ['eu-central-1', 'contact'],
      ['us-east-1', 'contact'],
      ['us-east-1', 'contact'],
      ['ap-south-1', 'note'],
    ];

    for (const [toRegion, category] of routes) {
      await ask(checkTransfer, {
        category,
        fromRegion: 'eu-west-1',
        toRegion,
        resourceId: 'c-42',
      });
    }
    // Another company's checks, and one of ours from before the replay window.
    await ask(
      checkTransfer,
      { category: 'contact', fromRegion: 'eu-west-1', toRegion: 'us-east-1' },
      buildAuthContext({ companyId: randomUUID() }),
    );
    await dataSource.query(
      `INSERT INTO policy.transfer_checks (company_id, category, from_region, to_region, checked_at)
       VALUES ($1, 'contact', 'eu-west-1', 'us-west-2', now() - interval '31 days')`,
      [companyId],
    );

    const columns: { column_name: string }[] = await dataSource.query(
      `SELECT column_name FROM information_schema.columns
       WHERE table_schema = 'policy' AND table_name = 'transfer_checks' ORDER BY column_name`,
    );
    expect(columns.map((column) => column.column_name)).toEqual([
      'category',
      'checked_at',
      'company_id',
      'from_region',
      'id',
      'to_region',
    ]);
    const [mine]: { checks: number }[] = await dataSource.query(
      'SELECT count(*)::int AS checks FROM policy.transfer_checks WHERE company_id = $1',
      [companyId],
    );
    expect(mine.checks).toBe(5);
  });

  it('should replay 30 days of checks under the active and the candidate policies', async () => {
    const report = await ask(transferImpact, {
      candidate: residencyPolicy('hard', ['eu-central-1']),
      replacesPolicyId: ACTIVE_ID,
      active: [{ policyId: ACTIVE_ID, document: residencyPolicy('soft', ['eu-central-1']) }],
      now: new Date().toISOString(),
    });

    // Three checks left the EU in the window (two contacts to us-east-1, a note to
    // ap-south-1): warned today under the soft policy, denied under the hard candidate.
    // The us-west-2 check is 31 days old and the other company's is not ours.
    expect(report.service).toBe('policy');
    expect(counts(report)).toEqual({
      'denied-transfers': { current: 0, candidate: 3 },
      'warned-transfers': { current: 3, candidate: 0 },
      'denied-transfers:contact:eu-west-1:us-east-1': { current: 0, candidate: 2 },
      'denied-transfers:note:eu-west-1:ap-south-1': { current: 0, candidate: 1 },
      'warned-transfers:contact:eu-west-1:us-east-1': { current: 2, candidate: 0 },
      'warned-transfers:note:eu-west-1:ap-south-1': { current: 1, candidate: 0 },
    });
  });

  it('should keep the other active policies in force beside the candidate', async () => {
    const other = '00000000-0000-4000-8000-0000000000b2';
    const report = await ask(transferImpact, {
      candidate: residencyPolicy('soft', ['eu-central-1', 'us-east-1']),
      replacesPolicyId: ACTIVE_ID,
      active: [
        { policyId: ACTIVE_ID, document: residencyPolicy('hard', ['eu-central-1']) },
        { policyId: other, document: residencyPolicy('soft', ['eu-central-1']) },
      ],
      now: new Date().toISOString(),
    });

    // The replaced hard policy goes; the other soft one still warns about all three.
    expect(counts(report)['denied-transfers']).toEqual({ current: 3, candidate: 0 });
    expect(counts(report)['warned-transfers']).toEqual({ current: 0, candidate: 3 });
  });
});
