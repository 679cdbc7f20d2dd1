import { AuthContext, findErasureHolds, RequestOf, ResponseOf } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { DataMapCatalog } from '../data-maps/data-map-catalog.service';
import { RETENTION_DATA_SOURCE } from '../support/retention.tokens';
import { coveredByHold, ErasureHold, SELECT_ERASURE_HOLDS } from './erasure-holds.queries';

/**
 * What an erasure must leave alone: the records a hold on an entity or a filter covers,
 * each with its holds. Read without the purge lock: an erasure asks before it deletes,
 * and a hold created after the question is not seen by that erasure (see the guide).
 */
@Injectable()
export class ErasureHoldsService {
  private readonly logger = createLogger(ErasureHoldsService.name);

  constructor(
    @Inject(RETENTION_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly catalog: DataMapCatalog,
  ) {}

  async find(
    input: RequestOf<typeof findErasureHolds>,
    auth: AuthContext,
  ): Promise<ResponseOf<typeof findErasureHolds>> {
    const holds = await this.dataSource.query<ErasureHold[]>(SELECT_ERASURE_HOLDS, [
      auth.companyId,
    ]);
    // A hold names an entity of a registered map; one no map declares cannot be held.
    const owner = holds.length > 0 ? await this.catalog.ownerOf(input.entity) : undefined;

    if (!owner || input.recordIds.length === 0) {
      return { held: [] };
    }

    const byRecord = new Map<string, string[]>();

    for (const hold of holds) {
      const statement = coveredByHold(
        owner.dataMap,
        owner.entity,
        auth.companyId,
        input.recordIds,
        hold,
      );
      const rows = statement
        ? await this.dataSource.query<{ id: string }[]>(statement.sql, statement.values)
        : [];

      rows.forEach(({ id }) => byRecord.set(id, [...(byRecord.get(id) ?? []), hold.id]));
    }

    this.logger.debug({ entity: input.entity, held: byRecord.size }, 'erasure holds answered');
    return { held: [...byRecord].map(([recordId, holdIds]) => ({ recordId, holdIds })) };
  }
}
