import { recordAudit } from '@compliance/audit';
import {
  AuthContext,
  createPolicy,
  ErrorDetail,
  PageQuery,
  Page,
  PolicyDetail,
  PolicySummary,
  policyCreated,
  RequestOf,
  ServiceError,
  ValidationResult,
} from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { addToOutbox, OutboxRelay } from '@compliance/messaging';
import { dataSourceToken, outboxRelayToken } from '@compliance/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';

import { POLICY_SCHEMA } from '../migrations/policy.migrations';
import { validatePolicyDocument } from '../validation/policy-document.validator';
import { toPolicyDetail, toPolicySummary } from './policy.mapper';
import { PolicyEntity } from './policy.entity';
import { PolicyVersionEntity } from './policy-version.entity';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class PoliciesService {
  private readonly logger = createLogger(PoliciesService.name);

  constructor(
    @Inject(dataSourceToken('policy')) private readonly dataSource: DataSource,
    @Inject(outboxRelayToken('policy')) private readonly outbox: OutboxRelay,
  ) {}

  /** Checks a document and leaves a trace of who checked what, never the document itself. */
  async validate(document: string, auth: AuthContext): Promise<ValidationResult> {
    const result = validatePolicyDocument(document);

    await this.dataSource.transaction((manager) =>
      recordAudit(manager, {
        companyId: auth.companyId,
        actor: auth.actor,
        action: 'policy.validated',
        resourceType: 'policy-document',
        outcome: 'success',
        requestId: auth.requestId,
        details: {
          valid: result.valid,
          errors: result.errors.length,
          warnings: result.warnings.length,
          bytes: Buffer.byteLength(document),
        },
      }),
    );

    this.logger.info({ valid: result.valid, errors: result.errors.length }, 'policy validated');
    return result;
  }

  async create(input: RequestOf<typeof createPolicy>, auth: AuthContext): Promise<PolicyDetail> {
    const validation = validatePolicyDocument(input.document);

    if (!validation.valid) {
      throw ServiceError.badRequest('the policy document is invalid', toDetails(validation));
    }

    try {
      const policy = await this.dataSource.transaction(async (manager) => {
        const created = await manager.save(
          manager.create(PolicyEntity, {
            companyId: auth.companyId,
            name: input.name,
            description: input.description,
            status: 'draft',
            currentVersion: 1,
          }),
        );

        await manager.insert(PolicyVersionEntity, {
          policyId: created.id,
          version: 1,
          document: input.document,
          createdBy: `${auth.actor.type}:${auth.actor.id}`,
        });
        await recordAudit(manager, {
          companyId: auth.companyId,
          actor: auth.actor,
          action: 'policy.created',
          resourceType: 'policy',
          resourceId: created.id,
          outcome: 'success',
          requestId: auth.requestId,
          details: { version: 1 },
        });
        await addToOutbox(
          manager,
          POLICY_SCHEMA,
          policyCreated,
          { companyId: auth.companyId, policyId: created.id, name: created.name, version: 1 },
          auth,
        );

        return created;
      });

      this.outbox.nudge();
      return toPolicyDetail(policy, input.document);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ServiceError('conflict', 'a policy with this name already exists', [
          { path: 'name', message: 'must be unique within the company' },
        ]);
      }
      throw error;
    }
  }

  /**
   * One statement for the page and the total (a window count, taken before the limit): a
   * second count query cost PostgreSQL as much again. Only a page past the end, which has
   * no row to carry the total, needs the count on its own.
   */
  async list(query: PageQuery, auth: AuthContext): Promise<Page<PolicySummary>> {
    const where = { companyId: auth.companyId };
    const { entities, raw } = await this.dataSource.manager
      .createQueryBuilder(PolicyEntity, 'policy')
      .addSelect('count(*) OVER ()', 'total')
      .where('policy.companyId = :companyId', where)
      .orderBy('policy.createdAt', 'DESC')
      .addOrderBy('policy.id', 'ASC')
      .limit(query.limit)
      .offset(query.offset)
      .getRawAndEntities<{ total: string }>();
    const total =
      raw.length > 0
        ? Number(raw[0].total)
        : await this.dataSource.manager.countBy(PolicyEntity, where);

    return { items: entities.map(toPolicySummary), total, ...query };
  }

  /** Another company's policy is simply not found: its existence is not revealed. */
  async get(id: string, auth: AuthContext): Promise<PolicyDetail> {
    const policy = await this.dataSource.manager.findOneBy(PolicyEntity, {
      id,
      companyId: auth.companyId,
    });

    if (!policy) {
      throw ServiceError.notFound('policy');
    }

    const version = await this.dataSource.manager.findOneByOrFail(PolicyVersionEntity, {
      policyId: id,
      version: policy.currentVersion,
    });

    return toPolicyDetail(policy, version.document);
  }

  /** One stored version's document (the newest when no version is named). */
  async document(id: string, version: number | undefined, auth: AuthContext): Promise<string> {
    const policy = await this.dataSource.manager.findOneBy(PolicyEntity, {
      id,
      companyId: auth.companyId,
    });
    const stored =
      policy &&
      (await this.dataSource.manager.findOneBy(PolicyVersionEntity, {
        policyId: id,
        version: version ?? policy.currentVersion,
      }));

    if (!stored) {
      throw ServiceError.notFound(policy ? 'policy version' : 'policy');
    }
    return stored.document;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const driverError: unknown = error instanceof QueryFailedError ? error.driverError : undefined;
  return (driverError as { code?: unknown } | undefined)?.code === UNIQUE_VIOLATION;
}

function toDetails(validation: ValidationResult): ErrorDetail[] {
  return validation.errors.map((error) => ({
    path: error.path,
    message: error.message,
    line: error.line ?? undefined,
    column: error.column ?? undefined,
    expected: error.expected,
    found: error.found,
  }));
}
