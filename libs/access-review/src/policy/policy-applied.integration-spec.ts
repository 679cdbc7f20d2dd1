import { randomUUID } from 'node:crypto';

import { PayloadOf, policyApplied } from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { ActivePolicyReader } from '@compliance/policy-settings';
import { buildAuthContext, ScriptedPolicyReader } from '@compliance/testing';

import { loadReviewSettings } from '../settings/review-settings.store';
import {
  AccessReviewTestDatabase,
  openAccessReviewTestDatabase,
} from '../testing/access-review-test-database';
import { PolicyAppliedController } from './policy-applied.controller';

const POLICY_ID = randomUUID();

const reviewPolicy = (cadence: string) => `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: reviews
spec:
  accessReview:
    cadence: ${cadence}
`;

const OLDER = reviewPolicy('annual');
const NEWER = reviewPolicy('monthly');

/** The policy service as a replica sees it: `answer(read)` is the document of the read-th call. */
function readerAnswering(answer: (read: number) => string): ScriptedPolicyReader {
  return new ScriptedPolicyReader(POLICY_ID, answer, (document) => (document === NEWER ? 2 : 1));
}

describe(PolicyAppliedController.name, () => {
  let testDatabase: AccessReviewTestDatabase;

  beforeAll(async () => {
    testDatabase = await openAccessReviewTestDatabase('policy-applied-test');
  });

  afterAll(async () => {
    await testDatabase.close();
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

    return new PolicyAppliedController(testDatabase.dataSource, reader).policyApplied(
      event,
      context,
    );
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

    const settings = await loadReviewSettings(testDatabase.dataSource.manager, companyId);
    expect(settings.cadence).toBe('monthly');
  });
});
