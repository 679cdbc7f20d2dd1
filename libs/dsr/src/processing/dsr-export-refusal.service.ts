import { recordAudit } from '@compliance/audit';
import { AuthContext, dsrExportChunk, PayloadOf } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { claimMessage } from '@compliance/messaging';
import { dataSourceToken } from '@compliance/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { DSR_SCHEMA } from '../migrations/dsr.migrations';
import { dsrQueries } from '../requests/dsr.queries';
import { DsrProcessingService } from './dsr-processing.service';

/** The task's error, and so the request's failure reason: the rule, never the bad name. */
export const REFUSED_CHUNK_ERROR =
  'an export chunk was refused: its entity is not a name a data map can declare';

/**
 * What a refused export chunk leaves behind. The bus drops the chunk for good, so the
 * export it belongs to could never complete: its connector's task is failed instead, and
 * the request fails as any failed task fails it, for the operator to see and record again.
 */
@Injectable()
export class DsrExportRefusalService {
  private readonly logger = createLogger(DsrExportRefusalService.name);

  constructor(
    @Inject(dataSourceToken('dsr')) private readonly dataSource: DataSource,
    private readonly processing: DsrProcessingService,
  ) {}

  /**
   * Claims the chunk's message as a stored chunk would be claimed, so a redelivery after a
   * crash records the refusal once. A request whose export is over is only audited.
   */
  async failExport(
    chunk: PayloadOf<typeof dsrExportChunk>,
    auth: AuthContext,
    messageId: string,
  ): Promise<void> {
    const exportFailed = await this.dataSource.transaction(async (manager) => {
      if (!(await claimMessage(manager, DSR_SCHEMA, 'export-chunk', messageId))) {
        return undefined;
      }

      // An UPDATE answers [rows, count] through TypeORM, not the rows alone.
      const [failed] = await manager.query<[{ id: string }[], number]>(dsrQueries.failExportTask, [
        chunk.taskId,
        chunk.requestId,
        auth.companyId,
        chunk.connector,
        REFUSED_CHUNK_ERROR,
      ]);
      const taskFailed = failed.length > 0;

      await recordAudit(manager, {
        companyId: auth.companyId,
        actor: auth.actor,
        action: 'dsr.export-chunk-refused',
        resourceType: 'dsr-request',
        resourceId: chunk.requestId,
        outcome: 'failure',
        requestId: auth.requestId,
        details: {
          connector: chunk.connector,
          taskId: chunk.taskId,
          sequence: chunk.sequence,
          exportFailed: taskFailed,
        },
      });

      if (taskFailed) {
        await this.processing.advance(manager, chunk.requestId, auth);
      }

      return taskFailed;
    });

    if (exportFailed !== undefined) {
      this.logger.warn(
        { requestId: chunk.requestId, taskId: chunk.taskId, exportFailed },
        'export chunk refused: its entity is not a data-map name',
      );
    }
  }
}
