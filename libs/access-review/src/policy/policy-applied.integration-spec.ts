import { randomUUID } from 'node:crypto';

import { PayloadOf, policyApplied } from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { ActivePolicyDocument, ActivePolicyReader } from '@compliance/policy-settings';
import { buildAuthContext } from '@compliance/testing';

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

/** Stands in for the policy service: `answer(read)` is the document on the read-th call. */
class ActivePolicyReaderDouble extends ActivePolicyReader {
  private reads = 0;

  constructor(private readonly answer: (read: number) => string) {
    super(undefined as never, undefined as never);
  }

  override async policies(): Promise<ActivePolicyDocument[]> {
    const document = this.answer(this.reads);
    this.reads += 1;

    return [{ policyId: POLICY_ID, version: document === NEWER ? 2 : 1, document }];
  }
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

  it('should end on the newer policies when its first read was older than a write after it', async () => {
    const companyId = randomUUID();

    // Replica B handles the newer apply first; replica A read the older state before B
    // wrote, and writes after it.
    await handle(new ActivePolicyReaderDouble(() => NEWER), companyId);
    await handle(new ActivePolicyReaderDouble((read) => (read === 0 ? OLDER : NEWER)), companyId);

    const settings = await loadReviewSettings(testDatabase.dataSource.manager, companyId);
    expect(settings.cadence).toBe('monthly');
  });
});
