import { recordAudit } from '@compliance/audit';
import { AuthContext } from '@compliance/contracts';
import { EntityManager } from 'typeorm';

import { INSERT_ACCESS_LOG } from './access-log.queries';

export type SecretAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'read'
  | 'reveal'
  | 'rotate'
  | 'rotation-request'
  | 'supply'
  | 'rollback'
  | 'version-change';

export interface SecretAccess {
  secretId: string | null;
  version: number | null;
  action: SecretAction;
  outcome: 'success' | 'denied' | 'failed';
  reason?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Writes one entry to the secret access log and to the audit trail, inside the caller's
 * transaction: the access and its record commit together or not at all.
 */
export async function recordSecretAccess(
  manager: EntityManager,
  auth: AuthContext,
  access: SecretAccess,
): Promise<void> {
  await manager.query(INSERT_ACCESS_LOG, [
    auth.companyId,
    access.secretId,
    access.version,
    access.action,
    access.outcome,
    auth.actor.type,
    auth.actor.id,
    access.reason ?? null,
    auth.requestId,
  ]);

  await recordAudit(manager, {
    companyId: auth.companyId,
    actor: auth.actor,
    action: `secret.${access.action}`,
    resourceType: 'secret',
    resourceId: access.secretId,
    outcome: access.outcome === 'failed' ? 'failure' : access.outcome,
    requestId: auth.requestId,
    details: {
      ...(access.version === null ? {} : { version: access.version }),
      ...(access.reason ? { reason: access.reason } : {}),
      ...access.details,
    },
  });
}
