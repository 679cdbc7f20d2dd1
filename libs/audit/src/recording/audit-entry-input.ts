import { AuditOutcome } from '../storage/audit-entry';

/**
 * One thing that happened, as a service reports it. Data subjects appear by id or blind
 * index only: the trail can never be edited, so personal data written here could never
 * be erased.
 */
export interface AuditEntryInput {
  companyId: string;
  actor: { type: string; id: string };
  action: string;
  resourceType: string;
  resourceId?: string | null;
  outcome: AuditOutcome;
  requestId?: string | null;
  details?: Record<string, unknown>;
}
