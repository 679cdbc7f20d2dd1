import { DataSource, EntityManager } from 'typeorm';

import { dsrQueries } from '../requests/dsr.queries';

/** A company's DSR settings; the defaults of the issue until the policy engine sets them. */
export interface DsrSettings {
  verificationRequired: boolean;
  timeZone: string;
  residencyLocation: string;
  exportTtlHours: number;
  rollbackDays: number;
}

export const DEFAULT_DSR_SETTINGS: DsrSettings = {
  verificationRequired: true,
  timeZone: 'UTC',
  residencyLocation: 'default',
  exportTtlHours: 72,
  rollbackDays: 30,
};

export async function loadDsrSettings(
  db: DataSource | EntityManager,
  companyId: string,
): Promise<DsrSettings> {
  const [row] = await db.query<Record<string, unknown>[]>(dsrQueries.settings, [companyId]);

  if (!row) {
    return DEFAULT_DSR_SETTINGS;
  }

  return {
    verificationRequired: row.verification_required as boolean,
    timeZone: row.time_zone as string,
    residencyLocation: row.residency_location as string,
    exportTtlHours: row.export_ttl_hours as number,
    rollbackDays: row.rollback_days as number,
  };
}

/** The one function that changes them; the policy engine calls it when a policy applies. */
export async function updateDsrSettings(
  db: DataSource | EntityManager,
  companyId: string,
  changes: Partial<DsrSettings>,
): Promise<DsrSettings> {
  const next = { ...(await loadDsrSettings(db, companyId)), ...changes };

  await db.query(dsrQueries.upsertSettings, [
    companyId,
    next.verificationRequired,
    next.timeZone,
    next.residencyLocation,
    next.exportTtlHours,
    next.rollbackDays,
  ]);
  return next;
}
