import { randomUUID } from 'node:crypto';

import { AuditEntryInput } from '../recording/audit-entry-input';

export function buildAuditInput(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    companyId: randomUUID(),
    actor: { type: 'user', id: randomUUID() },
    action: 'policy.updated',
    resourceType: 'policy',
    resourceId: randomUUID(),
    outcome: 'success',
    requestId: randomUUID(),
    details: { version: 2 },
    ...overrides,
  };
}
