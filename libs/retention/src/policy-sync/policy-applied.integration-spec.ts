import { randomUUID } from 'node:crypto';

import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { loadConfig } from '@compliance/config';
import { PayloadOf, policyApplied, resolveResidencyPlacement } from '@compliance/contracts';
import { BusContext, NatsMessageBus } from '@compliance/messaging';
import { ActivePolicyReader } from '@compliance/policy-settings';
import {
  buildAuthContext,
  natsTestIsolation,
  TEST_NATS_URL,
  ScriptedPolicyReader,
} from '@compliance/testing';

import { openRetentionTestBed, RetentionTestBed } from '../testing/retention-test-bed';
import { PolicyAppliedController } from './policy-applied.controller';
import { PolicyRuleSyncService } from './policy-rule-sync.service';

const POLICY_ID = randomUUID();

const retentionPolicy = (period: string) => `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: contacts
  frameworks: [GDPR]
spec:
  retention:
    rules:
      - id: old-contacts
        entity: contact
        period: ${period}
        dateField: created_at
        method: hard
`;

const OLDER = retentionPolicy('P1Y');
const NEWER = retentionPolicy('P2Y');

/** The policy service as a replica sees it: `answer(read)` is the document of the read-th call. */
function readerAnswering(answer: (read: number) => string): ScriptedPolicyReader {
  return new ScriptedPolicyReader(POLICY_ID, answer, (document) => (document === NEWER ? 2 : 1));
}

describe(PolicyAppliedController.name, () => {
  const isolation = natsTestIsolation();
  let bed: RetentionTestBed;
  let bus: NatsMessageBus;

  beforeAll(async () => {
    bed = await openRetentionTestBed();
    bus = await NatsMessageBus.connect({ url: TEST_NATS_URL, name: 'test', ...isolation });
    // The residency side of the policy service: no company here has a configuration.
    await bus.serve(resolveResidencyPlacement.subject, async () => ({
      ok: false,
      error: { code: 'not_found', message: 'no residency configuration', details: [] },
    }));
  });

  afterAll(async () => {
    await bus.drain(1000);
    await bed.close();

    const connection = await connect({ servers: TEST_NATS_URL });
    await (await jetstreamManager(connection)).streams.delete(isolation.stream).catch(() => false);
    await connection.close();
  });

  function handle(reader: ActivePolicyReader, companyId: string) {
    const event: PayloadOf<typeof policyApplied> = {
      companyId,
      policyId: POLICY_ID,
      version: 2,
      previousVersion: 1,
      reason: 'apply',
    };
    const context = new BusContext(
      buildAuthContext({ companyId }),
      policyApplied.subject,
      randomUUID(),
    );
    const config = loadConfig({ DATABASE_URL: bed.database.url, LOG_LEVEL: 'silent' });
    const controller = new PolicyAppliedController(
      bed.dataSource,
      reader,
      new PolicyRuleSyncService(bed.catalog),
      bus,
      config,
    );

    return controller.policyApplied(event, context);
  }

  it('should end on the newer policies though its first read was the older', async () => {
    const companyId = randomUUID();

    // Replica B handles the newer apply first; replica A read the older state before B
    // wrote, and writes after it.
    await handle(
      readerAnswering(() => NEWER),
      companyId,
    );
    await handle(
      readerAnswering((read) => (read === 0 ? OLDER : NEWER)),
      companyId,
    );

    // P2Y = 2 × 365 days.
    const rows = await bed.dataSource.query<{ period_days: number; active: boolean }[]>(
      'SELECT period_days, active FROM retention.policies WHERE company_id = $1',
      [companyId],
    );
    expect(rows).toEqual([{ period_days: 730, active: true }]);
  });
});
