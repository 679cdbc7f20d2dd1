import { recordAudit } from '@compliance/audit';
import { AuthContext, PolicyChange } from '@compliance/contracts';
import { EntityManager } from 'typeorm';

import { POLICY_LIFECYCLE_QUERIES } from './policy-lifecycle.queries';

export interface PolicyLogEntry {
  policyId: string;
  action: 'created' | 'edited' | 'applied' | 'rolled-back' | 'archived';
  version: number;
  fromVersion: number | null;
  changes: PolicyChange[];
}

/**
 * Writes one change to the policy log (with the full diff) and to the audit trail (the
 * changed paths only: policy values may name reviewers, and the trail can never be erased).
 */
export async function logPolicyChange(
  manager: EntityManager,
  entry: PolicyLogEntry,
  auth: AuthContext,
): Promise<void> {
  await manager.query(POLICY_LIFECYCLE_QUERIES.insertLog, [
    auth.companyId,
    entry.policyId,
    entry.action,
    entry.version,
    entry.fromVersion,
    `${auth.actor.type}:${auth.actor.id}`,
    JSON.stringify(entry.changes),
  ]);
  await recordAudit(manager, {
    companyId: auth.companyId,
    actor: auth.actor,
    action: `policy.${entry.action}`,
    resourceType: 'policy',
    resourceId: entry.policyId,
    outcome: 'success',
    requestId: auth.requestId,
    details: {
      version: entry.version,
      fromVersion: entry.fromVersion,
      changedPaths: entry.changes.map((change) => `${change.op} ${change.path}`).slice(0, 200),
    },
  });
}
