import { SecretVersionView } from '@compliance/contracts';

import { iso } from '../secrets/secret-row';

export interface VersionRow {
  id: string;
  secret_id: string;
  company_id: string;
  version: number;
  value_ciphertext: string | null;
  status: 'enabled' | 'disabled' | 'destroyed';
  is_current: boolean;
  readable_until: Date | null;
  created_by: string;
  created_at: Date;
}

export function toVersionView(row: VersionRow): SecretVersionView {
  return {
    version: row.version,
    status: row.status,
    current: row.is_current,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    readableUntil: iso(row.readable_until),
  };
}
