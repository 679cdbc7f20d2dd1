import { recordAudit } from '@compliance/audit';
import {
  AuthContext,
  checkLegalHold,
  createLegalHold,
  LegalHoldView,
  listLegalHolds,
  Page,
  RequestOf,
  ResponseOf,
  ServiceError,
} from '@compliance/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

import { checkConditions, ConditionError } from '../conditions/condition.compiler';
import { DataMapCatalog } from '../data-maps/data-map-catalog.service';
import { purgeQueries } from '../purge/purge.queries';
import { actorLabel } from '../support/system-auth';
import { RETENTION_DATA_SOURCE } from '../support/retention.tokens';
import { queryRows } from '../support/query-rows';
import { activeFilterHolds } from './active-filter-holds';
import { LegalHoldRow, toHoldView } from './legal-hold.mapper';
import {
  INSERT_HOLD,
  LOCK_HOLDS_EXCLUSIVE,
  RELEASE_HOLD,
  SELECT_ENTITY_HOLDS,
  SELECT_HOLD,
  SELECT_HOLD_PAGE,
  SELECT_SUBJECT_HOLDS,
  UPDATE_HOLD_REASON,
} from './legal-holds.queries';

const INVALID_TEXT = '22P02';

/**
 * Legal holds: while one is active, nothing it covers is deleted, by retention or by
 * erasure. Every change is audited with ids only; the subject's identifier stays here.
 */
@Injectable()
export class LegalHoldsService {
  constructor(
    @Inject(RETENTION_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly catalog: DataMapCatalog,
  ) {}

  async create(
    input: RequestOf<typeof createLegalHold>,
    auth: AuthContext,
  ): Promise<LegalHoldView> {
    await this.check(input);

    const row = await this.dataSource.transaction(async (manager) => {
      await manager.query(LOCK_HOLDS_EXCLUSIVE, [auth.companyId]);

      const [created] = await queryRows<LegalHoldRow>(manager, INSERT_HOLD, [
        auth.companyId,
        input.reason,
        input.scope,
        input.subject?.kind ?? null,
        input.subject?.value ?? null,
        input.entity ?? null,
        JSON.stringify(input.conditions),
        actorLabel(auth),
      ]);

      await this.audit(manager, auth, 'retention.legal-hold.created', created);
      return created;
    });

    return toHoldView(row);
  }

  async list(
    query: RequestOf<typeof listLegalHolds>,
    auth: AuthContext,
  ): Promise<Page<LegalHoldView>> {
    const rows: (LegalHoldRow & { total: string })[] = await this.dataSource.query(
      SELECT_HOLD_PAGE,
      [auth.companyId, query.includeReleased, query.limit, query.offset],
    );

    return {
      items: rows.map(toHoldView),
      total: Number(rows[0]?.total ?? 0),
      limit: query.limit,
      offset: query.offset,
    };
  }

  async get(
    id: string,
    auth: AuthContext,
    db: Pick<EntityManager, 'query'> = this.dataSource.manager,
  ): Promise<LegalHoldView> {
    const [row]: LegalHoldRow[] = await db.query(SELECT_HOLD, [id, auth.companyId]);

    if (!row) {
      throw ServiceError.notFound('legal hold');
    }

    return toHoldView(row);
  }

  async updateReason(id: string, reason: string, auth: AuthContext): Promise<LegalHoldView> {
    const row = await this.dataSource.transaction(async (manager) => {
      const [updated] = await queryRows<LegalHoldRow>(manager, UPDATE_HOLD_REASON, [
        id,
        auth.companyId,
        reason,
      ]);

      if (!updated) {
        throw ServiceError.notFound('legal hold');
      }

      await this.audit(manager, auth, 'retention.legal-hold.updated', updated);
      return updated;
    });

    return toHoldView(row);
  }

  /** Releasing an already released hold is a conflict, not a silent success. */
  async release(id: string, auth: AuthContext): Promise<LegalHoldView> {
    const row = await this.dataSource.transaction(async (manager) => {
      await manager.query(LOCK_HOLDS_EXCLUSIVE, [auth.companyId]);

      const [released] = await queryRows<LegalHoldRow>(manager, RELEASE_HOLD, [
        id,
        auth.companyId,
        actorLabel(auth),
      ]);

      if (!released) {
        // Through the transaction: the embedded database's one session is this one's.
        await this.get(id, auth, manager);
        throw new ServiceError('conflict', 'the legal hold is already released');
      }

      await this.audit(manager, auth, 'retention.legal-hold.released', released);
      return released;
    });

    return toHoldView(row);
  }

  /** What a deleting service asks before it deletes: held answers true with the holds. */
  async isHeld(
    input: RequestOf<typeof checkLegalHold>,
    auth: AuthContext,
  ): Promise<ResponseOf<typeof checkLegalHold>> {
    const holdIds = new Set<string>();
    let heldRecordIds: string[] = [];

    if (input.subject) {
      const rows: { id: string }[] = await this.dataSource.query(SELECT_SUBJECT_HOLDS, [
        auth.companyId,
        input.subject.kind,
        input.subject.value,
      ]);
      rows.forEach((row) => holdIds.add(row.id));
    }

    if (input.entity) {
      const rows: { id: string }[] = await this.dataSource.query(SELECT_ENTITY_HOLDS, [
        auth.companyId,
        input.entity,
      ]);
      rows.forEach((row) => holdIds.add(row.id));

      if (input.recordIds?.length) {
        heldRecordIds = await this.heldRecords(input.entity, input.recordIds ?? [], auth);
      }
    }

    return {
      held: holdIds.size > 0 || heldRecordIds.length > 0,
      holdIds: [...holdIds],
      heldRecordIds,
    };
  }

  private async heldRecords(entity: string, ids: string[], auth: AuthContext): Promise<string[]> {
    const owner = await this.catalog.require(entity);
    const holds = await activeFilterHolds(this.dataSource.manager, auth.companyId);
    const statement = purgeQueries.heldAmong(
      owner.dataMap,
      owner.entity,
      auth.companyId,
      ids,
      holds,
    );

    try {
      const rows: { id: string }[] = await this.dataSource.query(statement.sql, statement.values);
      return rows.map((row) => row.id);
    } catch (error) {
      const code = (error instanceof QueryFailedError ? error.driverError : undefined) as
        { code?: unknown } | undefined;

      if (code?.code === INVALID_TEXT) {
        throw ServiceError.badRequest('a record id does not fit the entity key', [
          { path: 'recordIds', message: 'not a valid key of this entity' },
        ]);
      }
      throw error;
    }
  }

  private async check(input: RequestOf<typeof createLegalHold>): Promise<void> {
    const problem = scopeProblem(input);

    if (problem) {
      throw ServiceError.badRequest('the legal hold is incomplete', [problem]);
    }

    if (input.entity) {
      await this.catalog.require(input.entity);
    }

    try {
      checkConditions(input.conditions);
    } catch (error) {
      if (error instanceof ConditionError) {
        throw ServiceError.badRequest('a condition is invalid', [
          { path: `conditions.${error.index}`, message: error.message },
        ]);
      }
      throw error;
    }
  }

  private async audit(
    manager: EntityManager,
    auth: AuthContext,
    action: string,
    row: LegalHoldRow,
  ): Promise<void> {
    await recordAudit(manager, {
      companyId: auth.companyId,
      actor: auth.actor,
      action,
      resourceType: 'legal-hold',
      resourceId: row.id,
      outcome: 'success',
      requestId: auth.requestId,
      details: { scope: row.scope, entity: row.entity },
    });
  }
}

function scopeProblem(
  input: RequestOf<typeof createLegalHold>,
): { path: string; message: string } | undefined {
  if (input.scope === 'subject' && !input.subject) {
    return { path: 'subject', message: 'required for a subject hold' };
  }

  if (input.scope !== 'subject' && !input.entity) {
    return { path: 'entity', message: `required for an ${input.scope} hold` };
  }

  if (input.scope === 'filter' && input.conditions.length === 0) {
    return { path: 'conditions', message: 'a filter hold needs at least one condition' };
  }

  return undefined;
}
