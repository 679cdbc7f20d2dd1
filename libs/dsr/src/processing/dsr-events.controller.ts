import {
  dsrConnectorRegistered,
  dsrExportChunk,
  dsrTaskReported,
  PayloadOf,
} from '@compliance/contracts';
import { BusContext, claimMessage } from '@compliance/messaging';
import { dataSourceToken } from '@compliance/platform';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';

import { DsrExportsService } from '../exports/dsr-exports.service';
import { exportEntityRefusal, isExportEntity } from '../exports/export-entity-name';
import { DSR_SCHEMA } from '../migrations/dsr.migrations';
import { dsrQueries } from '../requests/dsr.queries';
import { DsrExportRefusalService } from './dsr-export-refusal.service';
import { DsrProcessingService } from './dsr-processing.service';

/**
 * What connectors tell the service; each message is handled once, in one transaction.
 * Whatever needs keys is done before that transaction opens (see `DsrSubjectCipher`).
 */
@Controller()
export class DsrEventsController {
  constructor(
    @Inject(dataSourceToken('dsr')) private readonly dataSource: DataSource,
    private readonly processing: DsrProcessingService,
    private readonly exports: DsrExportsService,
    private readonly refusals: DsrExportRefusalService,
  ) {}

  @EventPattern(dsrTaskReported.subject)
  async taskReported(
    @Payload() payload: PayloadOf<typeof dsrTaskReported>,
    @Ctx() context: BusContext,
  ): Promise<void> {
    const subject = await this.processing.subjectForReport(payload, context.auth);

    await this.dataSource.transaction(async (manager) => {
      if (await claimMessage(manager, DSR_SCHEMA, 'task-reported', context.messageId!)) {
        await this.processing.recordReport(manager, payload, context.auth, subject);
      }
    });
  }

  @EventPattern(dsrExportChunk.subject)
  async exportChunk(
    @Payload() payload: PayloadOf<typeof dsrExportChunk>,
    @Ctx() context: BusContext,
  ): Promise<void> {
    // The bus drops a refused chunk for good; its export is failed first, or it would wait
    // for that part forever. A failure to record it is retried like any other.
    if (!isExportEntity(payload.entity)) {
      await this.refusals.failExport(payload, context.auth, context.messageId!);
      throw exportEntityRefusal();
    }

    const sealed = await this.exports.seal(payload, context.auth);

    await this.dataSource.transaction(async (manager) => {
      if (await claimMessage(manager, DSR_SCHEMA, 'export-chunk', context.messageId!)) {
        await this.exports.storePart(manager, payload, sealed, context.auth);
        await this.processing.advance(manager, payload.requestId, context.auth);
      }
    });
  }

  @EventPattern(dsrConnectorRegistered.subject)
  async connectorRegistered(
    @Payload() payload: PayloadOf<typeof dsrConnectorRegistered>,
    @Ctx() context: BusContext,
  ): Promise<void> {
    await this.dataSource.query(dsrQueries.registerConnector, [
      context.companyId,
      payload.connector,
      JSON.stringify(payload.entities),
      JSON.stringify(payload.categories),
    ]);
  }
}
