import { randomUUID } from 'node:crypto';

import { recordAudit } from '@compliance/audit';
import { createLogger } from '@compliance/logging';
import { dataSourceToken } from '@compliance/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { dsrExportsQueries } from './dsr-exports.queries';
import { EXPORT_STORE, exportKeys, ExportStore } from './store/export-store';

const BATCH = 100;

interface ExpiredPlacement {
  request_id: string;
  company_id: string;
  region: string;
  storage_prefix: string | null;
}

/**
 * Deletes exports past their time from the location they were kept at, then their rows.
 * The store goes first: a crash in between leaves rows whose deletion runs again, never
 * parts no row points at any more. The placement row stays, marked deleted, with an audit
 * entry naming the region and prefix.
 */
@Injectable()
export class DsrExportExpiryService {
  private readonly logger = createLogger(DsrExportExpiryService.name);

  constructor(
    @Inject(dataSourceToken('dsr')) private readonly dataSource: DataSource,
    @Inject(EXPORT_STORE) private readonly store: ExportStore,
  ) {}

  /** Exports and download links past their time; answers how many exports were deleted. */
  async deleteExpired(now: Date): Promise<number> {
    let deleted = 0;

    await this.dataSource.query(dsrExportsQueries.deleteExpiredDownloads, [now]);

    for (;;) {
      const due = await this.dataSource.query<ExpiredPlacement[]>(
        dsrExportsQueries.expiredPlacements,
        [now, BATCH],
      );

      for (const placement of due) {
        await this.deleteExport(placement, now);
      }

      deleted += due.length;

      if (due.length < BATCH) {
        break;
      }
    }

    await this.dataSource.query(dsrExportsQueries.deleteExpiredRowParts, [now]);
    this.logger.info({ exports: deleted }, 'expired exports deleted');
    return deleted;
  }

  private async deleteExport(placement: ExpiredPlacement, now: Date): Promise<void> {
    const location = { region: placement.region, prefix: placement.storage_prefix };

    await this.store.remove(
      location,
      exportKeys.request(placement.company_id, placement.request_id),
    );

    await this.dataSource.transaction(async (manager) => {
      const result: unknown = await manager.query(dsrExportsQueries.deletePartsOf, [
        placement.request_id,
        placement.company_id,
      ]);
      await manager.query(dsrExportsQueries.markPlacementDeleted, [
        placement.request_id,
        placement.company_id,
        now,
      ]);
      await recordAudit(manager, {
        companyId: placement.company_id,
        actor: { type: 'system', id: 'dsr-scheduler' },
        action: 'dsr.export-deleted',
        resourceType: 'dsr-request',
        resourceId: placement.request_id,
        outcome: 'success',
        requestId: randomUUID(),
        details: { ...location, parts: affectedRows(result) },
      });
    });
  }
}

/** TypeORM answers DELETE on PostgreSQL with `[rows, affectedCount]`. */
function affectedRows(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
