import { recordAudit } from '@compliance/audit';
import { FieldEncryption } from '@compliance/crypto';
import { AuthContext, PayloadOf, dsrExportChunk, ServiceError } from '@compliance/contracts';
import { dataSourceToken } from '@compliance/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { DSR_ENCRYPTION } from '../encryption/dsr-encryption.provider';
import { DsrTaskRow } from '../requests/dsr-request.row';
import { dsrQueries } from '../requests/dsr.queries';
import { findRequest } from '../requests/dsr-requests.service';
import { loadDsrSettings } from '../settings/dsr-settings';
import { DsrExportDownloadsService, ExportFormat } from './dsr-export-downloads.service';
import { DsrExportPartsReader, ExportPartRow, exportBinding } from './dsr-export-parts.reader';
import { dsrExportsQueries } from './dsr-exports.queries';
import {
  EXPORT_PLACEMENT,
  EXPORT_STORE,
  exportKeys,
  ExportLocation,
  ExportPlacement,
  ExportStore,
} from './store/export-store';

const PAGE = 50;

/** A chunk sealed under the request's export key, with where its export is to be kept. */
export interface SealedPart {
  sealed: string;
  location: ExportLocation;
}

interface PlacementRow {
  region: string;
  storage_prefix: string | null;
  expires_at: Date;
}

/**
 * An export is stored as it arrives, one sealed part per connector batch, under a key of
 * the request's own, at the location the company's residency placement names. Its first
 * part records that location and the export's expiry; every later part follows it. It is
 * read back a page of parts at a time, never whole.
 */
@Injectable()
export class DsrExportsService {
  constructor(
    @Inject(dataSourceToken('dsr')) private readonly dataSource: DataSource,
    @Inject(DSR_ENCRYPTION) private readonly encryption: Promise<FieldEncryption>,
    private readonly downloads: DsrExportDownloadsService,
    private readonly reader: DsrExportPartsReader,
    @Inject(EXPORT_STORE) private readonly store: ExportStore,
    @Inject(EXPORT_PLACEMENT) private readonly placement: ExportPlacement,
  ) {}

  /**
   * Seals a chunk under the request's export key and finds where its export is kept.
   * Called before the transaction that stores it: the key ring reads and reserves keys
   * through connections of its own, and the policy service answers the placement from its
   * database, neither of which the embedded database would serve while that transaction
   * holds its one session.
   */
  async seal(chunk: PayloadOf<typeof dsrExportChunk>, auth: AuthContext): Promise<SealedPart> {
    const encryption = await this.encryption;
    const sealed = await encryption.encrypt(
      JSON.stringify(chunk.records),
      exportBinding(auth.companyId, chunk.requestId, {
        connector: chunk.connector,
        entity: chunk.entity,
        task_id: chunk.taskId,
        sequence: chunk.sequence,
      }),
    );
    const [placed] = await this.dataSource.query<PlacementRow[]>(dsrExportsQueries.placement, [
      chunk.requestId,
      auth.companyId,
    ]);
    const location = placed
      ? { region: placed.region, prefix: placed.storage_prefix }
      : await this.placement.locationFor(auth);

    return { sealed, location };
  }

  /**
   * Records the part, and writes it to its location last: when the transaction commits, the
   * part is in the store; when a redelivered chunk finds its part recorded, nothing is
   * written twice.
   */
  async storePart(
    manager: EntityManager,
    chunk: PayloadOf<typeof dsrExportChunk>,
    part: SealedPart,
    auth: AuthContext,
  ): Promise<void> {
    const placed = await this.place(manager, chunk.requestId, part.location, auth);
    const location = { region: placed.region, prefix: placed.storage_prefix };
    const key = exportKeys.part(auth.companyId, chunk.requestId, chunk);

    const [fresh] = await manager.query<unknown[]>(dsrExportsQueries.insertPart, [
      chunk.requestId,
      chunk.taskId,
      chunk.entity,
      chunk.sequence,
      auth.companyId,
      chunk.connector,
      chunk.records.length,
      location.region,
      placed.expires_at,
      key,
    ]);

    if (fresh) {
      await this.store.write(location, key, Buffer.from(part.sealed, 'utf8'));
    }
  }

  /** The manifest of a finished export, and a fresh single-use token for its download. */
  async describe(id: string, auth: AuthContext, format: ExportFormat = 'json') {
    const request = await findRequest(this.dataSource, id, auth.companyId);

    if (request.type !== 'access' && request.type !== 'portability') {
      throw new ServiceError('conflict', 'only access and portability requests have an export');
    }

    if (request.status !== 'completed') {
      throw new ServiceError(
        'conflict',
        `the export is not ready: the request is ${request.status}`,
      );
    }

    const settings = await loadDsrSettings(this.dataSource, auth.companyId);
    const tasks = await this.dataSource.query<DsrTaskRow[]>(dsrQueries.tasksOfPhase, [
      id,
      'export',
    ]);
    const [placed] = await this.dataSource.query<PlacementRow[]>(dsrExportsQueries.placement, [
      id,
      auth.companyId,
    ]);
    const sources = tasks.map((task) => ({
      connector: task.connector,
      entities: task.counts,
      categories: task.categories,
    }));
    const totalRecords = sources.reduce(
      (sum, source) => sum + Object.values(source.entities).reduce((a, b) => a + b, 0),
      0,
    );
    const expiresAt =
      placed?.expires_at ??
      new Date(
        (request.completed_at ?? new Date()).getTime() + settings.exportTtlHours * 3_600_000,
      );

    const link = await this.downloads.issue(id, auth.companyId, format, expiresAt);

    return {
      manifest: { requestId: id, generatedAt: new Date().toISOString(), sources, totalRecords },
      downloadToken: link.token,
      expiresAt: link.expiresAt.toISOString(),
      bytes: 0,
    };
  }

  /** The export's records, per connector and entity, a page of parts at a time. */
  async *records(
    id: string,
    companyId: string,
  ): AsyncGenerator<{ entity: string; records: Record<string, unknown>[] }> {
    for (let offset = 0; ; offset += PAGE) {
      const rows = await this.dataSource.query<ExportPartRow[]>(dsrExportsQueries.parts, [
        id,
        companyId,
        PAGE,
        offset,
      ]);

      for (const row of rows) {
        const { records } = await this.reader.open(companyId, id, row);
        yield { entity: row.entity, records };
      }

      if (rows.length < PAGE) {
        return;
      }
    }
  }

  /**
   * The export's placement: recorded, with its expiry, by the first part to arrive (and
   * audited then, region and prefix, so an auditor sees where it was kept); read back by
   * every part, so all of one export lies in one place whatever a later lookup answers.
   */
  private async place(
    manager: EntityManager,
    requestId: string,
    location: ExportLocation,
    auth: AuthContext,
  ): Promise<PlacementRow> {
    const settings = await loadDsrSettings(manager, auth.companyId);
    const expiresAt = new Date(Date.now() + settings.exportTtlHours * 3_600_000);

    const [fresh] = await manager.query<unknown[]>(dsrExportsQueries.insertPlacement, [
      requestId,
      auth.companyId,
      location.region,
      location.prefix,
      expiresAt,
    ]);

    if (fresh) {
      await recordAudit(manager, {
        companyId: auth.companyId,
        actor: auth.actor,
        action: 'dsr.export-placed',
        resourceType: 'dsr-request',
        resourceId: requestId,
        outcome: 'success',
        requestId: auth.requestId,
        details: { region: location.region, prefix: location.prefix, expiresAt },
      });
    }

    const [placed] = await manager.query<PlacementRow[]>(dsrExportsQueries.placement, [
      requestId,
      auth.companyId,
    ]);
    return placed;
  }
}
