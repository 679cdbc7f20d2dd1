import { DataSource, EntityManager } from 'typeorm';

import { dsrQueries } from '../requests/dsr.queries';

/** A company's DSR settings: the defaults below until an applied policy says otherwise. */
export interface DsrSettings {
  verificationRequired: boolean;
  timeZone: string;
  residencyLocation: string;
  exportTtlHours: number;
  rollbackDays: number;
  /** The company's own deadline; the law's deadline stays the limit when it is shorter. */
  deadlineDays: number | null;
  /** The longest extension the policies allow; 0 forbids one; null leaves it to the law. */
  extensionMaxDays: number | null;
  /** `soft` lets a request past a policy's limit with a warning; `hard` refuses it. */
  enforcement: 'soft' | 'hard';
}

export const DEFAULT_DSR_SETTINGS: DsrSettings = {
  verificationRequired: true,
  timeZone: 'UTC',
  residencyLocation: 'default',
  exportTtlHours: 72,
  rollbackDays: 30,
  deadlineDays: null,
  extensionMaxDays: null,
  enforcement: 'hard',
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
    deadlineDays: row.deadline_days as number | null,
    extensionMaxDays: row.extension_max_days as number | null,
    enforcement: row.enforcement as DsrSettings['enforcement'],
  };
}

/** The one function that changes them; applied policies reach it through their event. */
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
    next.deadlineDays,
    next.extensionMaxDays,
    next.enforcement,
  ]);
  return next;
}
