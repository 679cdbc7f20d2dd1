import { randomUUID } from 'node:crypto';

import { AuthContext } from '@compliance/contracts';
import { buildAuthContext } from '@compliance/testing';

import { countRows, seedContact } from '../testing/crm-test-records';
import { openRetentionTestBed, RetentionTestBed } from '../testing/retention-test-bed';
import { retentionRulesOf } from './policy-retention-rules';
import { PolicyRuleSyncService } from './policy-rule-sync.service';

const POLICY_ID = randomUUID();

function policyWith(rule: string): string {
  return `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: contacts
  frameworks: [GDPR]
spec:
  retention:
    rules:
      - id: old-contacts
        entity: contact
        period: P1Y
        dateField: created_at
${rule}`;
}

describe(PolicyRuleSyncService.name, () => {
  let bed: RetentionTestBed;
  let auth: AuthContext;
  let service: PolicyRuleSyncService;

  beforeAll(async () => {
    bed = await openRetentionTestBed();
    service = new PolicyRuleSyncService(bed.catalog);
  });

  afterAll(async () => {
    await bed.close();
  });

  beforeEach(() => {
    auth = buildAuthContext();
  });

  function sync(document: string) {
    const { rules, unmapped } = retentionRulesOf([{ policyId: POLICY_ID, document }]);
    return bed.dataSource.transaction((manager) => service.sync(manager, auth, rules, unmapped));
  }

  it('should create a soft policy from a soft rule: it marks records and keeps them', async () => {
    const old = await seedContact(bed.dataSource, auth.companyId, { ageDays: 400 });

    const outcome = await sync(
      policyWith('        method: soft\n        softDeleteField: deleted_at\n'),
    );
    const row = await bed.policies.row(outcome.created[0], auth.companyId);
    const run = await bed.runs.start(row, auth, { trigger: 'cli' });
    await bed.executor.execute(run!.id);
    const [contact]: { deleted_at: Date | null }[] = await bed.dataSource.query(
      'SELECT deleted_at FROM crm_test.contacts WHERE id = $1',
      [old.id],
    );

    expect(outcome).toMatchObject({ updated: [], unmapped: [] });
    expect(row).toMatchObject({ method: 'soft', soft_delete_column: 'deleted_at' });
    expect(contact.deleted_at).toBeInstanceOf(Date);
    expect(await countRows(bed.dataSource, 'contacts', auth.companyId)).toBe(1);
  });

  it('should update the policy when its rule turns soft to hard, dropping the column', async () => {
    const first = await sync(
      policyWith('        method: soft\n        softDeleteField: deleted_at\n'),
    );
    const second = await sync(policyWith('        method: hard\n'));
    const row = await bed.policies.row(first.created[0], auth.companyId);

    expect(second.updated).toEqual(first.created);
    expect(row).toMatchObject({ method: 'hard', soft_delete_column: null, version: 2 });
  });
});
