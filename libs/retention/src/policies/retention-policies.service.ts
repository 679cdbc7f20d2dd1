import { recordAudit } from '@compliance/audit';
import {
  AuthContext,
  createRetentionPolicy,
  Page,
  PageQuery,
  RequestOf,
  RetentionPolicyView,
  ServiceError,
  updateRetentionPolicy,
} from '@compliance/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { validateCronExpression } from 'cron';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

import { checkConditions, ConditionError } from '../conditions/condition.compiler';
import { DataMapCatalog } from '../data-maps/data-map-catalog.service';
import { RETENTION_DATA_SOURCE } from '../support/retention.tokens';
import { queryRows } from '../support/query-rows';
import {
  DELETE_POLICY,
  INSERT_POLICY,
  SELECT_POLICY,
  SELECT_POLICY_ANY_COMPANY,
  SELECT_POLICY_PAGE,
  UPDATE_POLICY,
} from './retention-policies.queries';
import { RetentionPolicyRow, toPolicyView } from './retention-policy.mapper';

const UNIQUE_VIOLATION = '23505';

type PolicyFields = Omit<RequestOf<typeof createRetentionPolicy>, 'sourcePolicyId'>;

/** Retention policies of the caller's company: checked, versioned on change, audited. */
@Injectable()
export class RetentionPoliciesService {
  constructor(
    @Inject(RETENTION_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly catalog: DataMapCatalog,
  ) {}

  async create(
    input: RequestOf<typeof createRetentionPolicy>,
    auth: AuthContext,
  ): Promise<RetentionPolicyView> {
    await this.check(input);

    const row = await this.unique(() =>
      this.dataSource.transaction(async (manager) => {
        const [created] = await queryRows<RetentionPolicyRow>(manager, INSERT_POLICY, [
          auth.companyId,
          input.name,
          input.entity,
          input.periodDays,
          input.dateField,
          input.method,
          JSON.stringify(input.conditions),
          input.schedule,
          input.active,
          input.softDeleteColumn,
          input.sourcePolicyId ?? null,
        ]);

        await this.audit(manager, auth, 'retention.policy.created', created);
        return created;
      }),
    );

    return toPolicyView(row);
  }

  async list(query: PageQuery, auth: AuthContext): Promise<Page<RetentionPolicyView>> {
    const rows: (RetentionPolicyRow & { total: string })[] = await this.dataSource.query(
      SELECT_POLICY_PAGE,
      [auth.companyId, query.limit, query.offset],
    );

    return { items: rows.map(toPolicyView), total: Number(rows[0]?.total ?? 0), ...query };
  }

  async get(id: string, auth: AuthContext): Promise<RetentionPolicyView> {
    return toPolicyView(await this.row(id, auth.companyId));
  }

  /** The stored row, 404 when it belongs to no policy of the caller's company. */
  async row(id: string, companyId: string): Promise<RetentionPolicyRow> {
    const [row]: RetentionPolicyRow[] = await this.dataSource.query(SELECT_POLICY, [id, companyId]);

    if (!row) {
      throw ServiceError.notFound('retention policy');
    }

    return row;
  }

  /** Any company's policy: for the operator's CLI, which works on the whole database. */
  async rowForOperator(id: string): Promise<RetentionPolicyRow> {
    const [row]: RetentionPolicyRow[] = await this.dataSource.query(SELECT_POLICY_ANY_COMPANY, [
      id,
    ]);

    if (!row) {
      throw ServiceError.notFound('retention policy');
    }

    return row;
  }

  async update(
    input: RequestOf<typeof updateRetentionPolicy>,
    auth: AuthContext,
  ): Promise<RetentionPolicyView> {
    const current = toPolicyView(await this.row(input.id, auth.companyId));
    const next: PolicyFields = {
      name: input.name ?? current.name,
      entity: current.entity,
      periodDays: input.periodDays ?? current.periodDays,
      dateField: input.dateField ?? current.dateField,
      method: input.method ?? current.method,
      conditions: input.conditions ?? current.conditions,
      schedule: input.schedule ?? current.schedule,
      active: input.active ?? current.active,
      softDeleteColumn:
        input.softDeleteColumn === undefined ? current.softDeleteColumn : input.softDeleteColumn,
    };

    await this.check(next);

    const row = await this.unique(() =>
      this.dataSource.transaction(async (manager) => {
        const [updated] = await queryRows<RetentionPolicyRow>(manager, UPDATE_POLICY, [
          input.id,
          auth.companyId,
          next.name,
          next.periodDays,
          next.dateField,
          next.method,
          JSON.stringify(next.conditions),
          next.schedule,
          next.active,
          next.softDeleteColumn,
        ]);

        await this.audit(manager, auth, 'retention.policy.updated', updated);
        return updated;
      }),
    );

    return toPolicyView(row);
  }

  async remove(id: string, auth: AuthContext): Promise<{ id: string; deleted: true }> {
    await this.dataSource.transaction(async (manager) => {
      const gone = await queryRows<{ id: string }>(manager, DELETE_POLICY, [id, auth.companyId]);

      if (gone.length === 0) {
        throw ServiceError.notFound('retention policy');
      }

      await recordAudit(manager, {
        companyId: auth.companyId,
        actor: auth.actor,
        action: 'retention.policy.deleted',
        resourceType: 'retention-policy',
        resourceId: id,
        outcome: 'success',
        requestId: auth.requestId,
      });
    });

    return { id, deleted: true };
  }

  /** Rejects what could not run: an unknown entity, a bad filter, schedule or marker. */
  private async check(input: PolicyFields): Promise<void> {
    await this.catalog.require(input.entity);

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

    if (!validateCronExpression(input.schedule).valid) {
      throw ServiceError.badRequest('the schedule is not a cron expression', [
        { path: 'schedule', message: 'expected a cron expression such as "0 2 * * *"' },
      ]);
    }

    if (input.method === 'soft' && !input.softDeleteColumn) {
      throw ServiceError.badRequest('a soft policy needs the column it marks', [
        { path: 'softDeleteColumn', message: 'required when method is soft' },
      ]);
    }
  }

  private async audit(
    manager: EntityManager,
    auth: AuthContext,
    action: string,
    row: RetentionPolicyRow,
  ): Promise<void> {
    await recordAudit(manager, {
      companyId: auth.companyId,
      actor: auth.actor,
      action,
      resourceType: 'retention-policy',
      resourceId: row.id,
      outcome: 'success',
      requestId: auth.requestId,
      details: { version: row.version, method: row.method, periodDays: row.period_days },
    });
  }

  private async unique<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const driverError: unknown =
        error instanceof QueryFailedError ? error.driverError : undefined;

      if ((driverError as { code?: unknown } | undefined)?.code === UNIQUE_VIOLATION) {
        throw new ServiceError('conflict', 'a retention policy with this name already exists', [
          { path: 'name', message: 'must be unique within the company' },
        ]);
      }
      throw error;
    }
  }
}
