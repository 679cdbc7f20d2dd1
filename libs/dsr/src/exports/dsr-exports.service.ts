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

const PAGE = 50;

/**
 * An export is stored as it arrives, one sealed part per connector batch, under a key of
 * the request's own, tagged with the company's residency location and an expiry. It is
 * read back a page of parts at a time, never whole.
 */
@Injectable()
export class DsrExportsService {
  constructor(
    @Inject(dataSourceToken('dsr')) private readonly dataSource: DataSource,
    @Inject(DSR_ENCRYPTION) private readonly encryption: Promise<FieldEncryption>,
    private readonly downloads: DsrExportDownloadsService,
  ) {}

  /**
   * Seals a chunk under the request's export key. Called before the transaction that
   * stores it: the key ring reads and reserves keys through connections of its own, which
   * the embedded database would not serve while that transaction holds its one session.
   */
  async seal(chunk: PayloadOf<typeof dsrExportChunk>, auth: AuthContext): Promise<string> {
    const encryption = await this.encryption;

    return encryption.encrypt(JSON.stringify(chunk.records), {
      companyId: auth.companyId,
      entity: 'dsr.export',
      field: `${chunk.connector}.${chunk.entity}`,
      recordId: `${chunk.taskId}:${chunk.sequence}`,
      subjectId: `dsr-export:${chunk.requestId}`,
    });
  }

  async storePart(
    manager: EntityManager,
    chunk: PayloadOf<typeof dsrExportChunk>,
    sealed: string,
    auth: AuthContext,
  ): Promise<void> {
    const settings = await loadDsrSettings(manager, auth.companyId);
    const expiresAt = new Date(Date.now() + settings.exportTtlHours * 3_600_000);

    // TODO(residency storage): one database holds every location until the residency
    // routing of the policy service can place parts in the location's own store.
    await manager.query(dsrQueries.insertExportPart, [
      chunk.requestId,
      chunk.taskId,
      chunk.entity,
      chunk.sequence,
      auth.companyId,
      chunk.connector,
      chunk.records.length,
      sealed,
      settings.residencyLocation,
      expiresAt,
    ]);
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
    const sources = tasks.map((task) => ({
      connector: task.connector,
      entities: task.counts,
      categories: task.categories,
    }));
    const totalRecords = sources.reduce(
      (sum, source) => sum + Object.values(source.entities).reduce((a, b) => a + b, 0),
      0,
    );
    const expiresAt = new Date(
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
    const encryption = await this.encryption;

    for (let offset = 0; ; offset += PAGE) {
      const parts = await this.dataSource.query<
        { task_id: string; entity: string; sequence: number; sealed: string; connector: string }[]
      >(dsrQueries.exportParts, [id, companyId, PAGE, offset]);

      for (const part of parts) {
        const [connector] = await this.dataSource.query<{ connector: string }[]>(
          'SELECT connector FROM dsr.tasks WHERE id = $1',
          [part.task_id],
        );
        const plaintext = await encryption.decrypt(part.sealed, {
          companyId,
          entity: 'dsr.export',
          field: `${connector.connector}.${part.entity}`,
          recordId: `${part.task_id}:${part.sequence}`,
          subjectId: `dsr-export:${id}`,
        });
        yield { entity: part.entity, records: JSON.parse(plaintext) as Record<string, unknown>[] };
      }

      if (parts.length < PAGE) {
        return;
      }
    }
  }
}
