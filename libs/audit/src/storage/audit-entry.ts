import { AuditEntryView } from '@compliance/contracts';

/** A stored entry as the chain sees it: the public view plus the company it belongs to. */
export interface AuditEntry extends AuditEntryView {
  companyId: string;
}

export type AuditOutcome = AuditEntryView['outcome'];

/** The entry as clients see it: they already know their company. */
export function toAuditEntryView(entry: AuditEntry): AuditEntryView {
  const { companyId: _companyId, ...view } = entry;

  return view;
}
