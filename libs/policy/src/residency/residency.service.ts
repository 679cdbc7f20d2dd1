import { recordAudit } from '@compliance/audit';
import {
  AuthContext,
  checkTransfer,
  Page,
  PageQuery,
  RequestOf,
  ResidencyConfig,
  ResidencyConfigInput,
  ResponseOf,
  ServiceError,
  updateResidency,
} from '@compliance/contracts';
import { dataSourceToken } from '@compliance/platform';
import { evaluatePolicies, resolvePlacement } from '@compliance/policy-engine';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { ActivePoliciesRepository } from '../evaluation/active-policies.repository';
import { TRANSFER_CHECK_QUERIES } from '../transfer-impact/transfer-checks.queries';
import { ResidencyConfigEntity } from './residency-config.entity';
import { residencyAsPolicy, toResidencyConfig } from './residency.mapper';

/**
 * A company's residency configuration, and the transfer check other CRM modules call
 * before they copy data. Applied policies overwrite the configuration (source `policy`).
 */
@Injectable()
export class ResidencyService {
  constructor(
    @Inject(dataSourceToken('policy')) private readonly dataSource: DataSource,
    private readonly active: ActivePoliciesRepository,
  ) {}

  async list(query: PageQuery, auth: AuthContext): Promise<Page<ResidencyConfig>> {
    const config = await this.dataSource.manager.findOneBy(ResidencyConfigEntity, {
      companyId: auth.companyId,
    });
    const items = config && query.offset === 0 ? [toResidencyConfig(config)] : [];

    return { items, total: config ? 1 : 0, ...query };
  }

  async get(id: string, auth: AuthContext): Promise<ResidencyConfig> {
    return toResidencyConfig(await this.find(this.dataSource.manager, id, auth));
  }

  /**
   * One configuration per company: saving again replaces it, but for the placements of
   * categories, which a save that names none keeps.
   */
  async save(input: ResidencyConfigInput, auth: AuthContext): Promise<ResidencyConfig> {
    requireSensible(input);

    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOneBy(ResidencyConfigEntity, {
        companyId: auth.companyId,
      });
      const saved = await manager.save(
        manager.create(ResidencyConfigEntity, {
          ...(existing ?? {}),
          ...input,
          companyId: auth.companyId,
          // A client that knows nothing of categories must not drop what a policy placed.
          categories: input.categories ?? existing?.categories ?? {},
          source: 'manual',
          policyId: null,
          policyVersion: null,
        }),
      );

      await this.audit(manager, 'residency.saved', saved.id, auth);
      return toResidencyConfig(saved);
    });
  }

  async update(
    input: RequestOf<typeof updateResidency>,
    auth: AuthContext,
  ): Promise<ResidencyConfig> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.find(manager, input.id, auth);
      const { id, ...changes } = input;
      const merged = {
        ...existing,
        ...changes,
        categories: changes.categories ?? existing.categories,
        source: 'manual' as const,
      };

      requireSensible(merged);
      const saved = await manager.save(manager.create(ResidencyConfigEntity, merged));
      await this.audit(manager, 'residency.updated', id, auth);
      return toResidencyConfig(saved);
    });
  }

  async remove(id: string, auth: AuthContext): Promise<{ id: string; deleted: true }> {
    await this.dataSource.transaction(async (manager) => {
      await this.find(manager, id, auth);
      await manager.delete(ResidencyConfigEntity, { id, companyId: auth.companyId });
      await this.audit(manager, 'residency.deleted', id, auth);
    });

    return { id, deleted: true };
  }

  /** The stricter of the configuration and the applied policies decides; denials are audited. */
  async checkTransfer(
    input: RequestOf<typeof checkTransfer>,
    auth: AuthContext,
  ): Promise<ResponseOf<typeof checkTransfer>> {
    const config = await this.dataSource.manager.findOneBy(ResidencyConfigEntity, {
      companyId: auth.companyId,
    });
    const policies = await this.active.compiledFor(auth.companyId);
    const decision = evaluatePolicies(
      config ? [residencyAsPolicy(config), ...policies] : policies,
      {
        action: 'data.transfer',
        resource: { entity: input.category, id: input.resourceId },
        context: { fromRegion: input.fromRegion, toRegion: input.toRegion },
      },
      new Date(),
    );

    // Every check is kept (its route only) so a dry-run can replay recent traffic.
    await this.dataSource.transaction(async (manager) => {
      await manager.query(TRANSFER_CHECK_QUERIES.record, [
        auth.companyId,
        input.category,
        input.fromRegion,
        input.toRegion,
      ]);

      if (decision.decision === 'allow') {
        return;
      }

      await recordAudit(manager, {
        companyId: auth.companyId,
        actor: auth.actor,
        action: `residency.transfer.${decision.decision}`,
        resourceType: input.category,
        resourceId: input.resourceId ?? null,
        outcome: decision.decision === 'deny' ? 'denied' : 'success',
        requestId: auth.requestId,
        details: {
          fromRegion: input.fromRegion,
          toRegion: input.toRegion,
          ruleId: decision.ruleId,
        },
      });
    });

    return {
      allowed: decision.decision !== 'deny',
      decision: decision.decision,
      ruleId: decision.ruleId,
      reason: decision.reason,
    };
  }

  async placement(
    category: string,
    auth: AuthContext,
  ): Promise<{ region: string; prefix: string | null }> {
    const config = await this.dataSource.manager.findOneBy(ResidencyConfigEntity, {
      companyId: auth.companyId,
    });

    if (!config) {
      throw ServiceError.notFound('data residency configuration');
    }
    return resolvePlacement(residencyAsPolicy(config).residency!, category);
  }

  private async find(manager: EntityManager, id: string, auth: AuthContext) {
    const config = await manager.findOneBy(ResidencyConfigEntity, {
      id,
      companyId: auth.companyId,
    });

    if (!config) {
      throw ServiceError.notFound('data residency configuration');
    }
    return config;
  }

  private async audit(manager: EntityManager, action: string, id: string, auth: AuthContext) {
    await recordAudit(manager, {
      companyId: auth.companyId,
      actor: auth.actor,
      action,
      resourceType: 'data-residency',
      resourceId: id,
      outcome: 'success',
      requestId: auth.requestId,
    });
  }
}

function requireSensible(
  input: Pick<ResidencyConfigInput, 'primaryRegion' | 'replicationRegions'>,
) {
  if (input.replicationRegions.includes(input.primaryRegion)) {
    throw ServiceError.badRequest('replication to the primary region', [
      {
        path: 'replicationRegions',
        message: 'must not hold the primary region',
        found: input.primaryRegion,
      },
    ]);
  }
}
