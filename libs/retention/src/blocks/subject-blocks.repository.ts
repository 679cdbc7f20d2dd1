import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { RETENTION_DATA_SOURCE } from '../support/retention.tokens';
import { CLOSE_BLOCKS, OPEN_BLOCK } from './subject-blocks.queries';

export interface SubjectBlock {
  companyId: string;
  subject: { kind: 'email' | 'phone' | 'external_id'; value: string };
  /** A processing restriction, or a data subject request still open. */
  reason: 'restriction' | 'dsr';
  /** The restriction's or request's id: closing it lifts exactly its blocks. */
  sourceId: string;
}

/**
 * The subjects retention must not touch while a restriction or a request about them is
 * open. A consumer of the DSR service's events fills it; purges skip whatever it names.
 */
@Injectable()
export class SubjectBlocksRepository {
  constructor(@Inject(RETENTION_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async open(block: SubjectBlock, manager: EntityManager = this.dataSource.manager) {
    await manager.query(OPEN_BLOCK, [
      block.companyId,
      block.subject.kind,
      block.subject.value,
      block.reason,
      block.sourceId,
    ]);
  }

  async close(
    companyId: string,
    reason: SubjectBlock['reason'],
    sourceId: string,
    manager: EntityManager = this.dataSource.manager,
  ) {
    await manager.query(CLOSE_BLOCKS, [companyId, reason, sourceId]);
  }
}
