import { recordAudit } from '@compliance/audit';
import {
  accessReviewImpact,
  AnyRequestContract,
  AuthContext,
  encryptionImpact,
  impactReportSchema,
  ImpactRequest,
  ResponseOf,
  retentionImpact,
  dryRunPolicy,
  ServiceError,
  transferImpact,
} from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { MESSAGE_BUS, MessageBus } from '@compliance/messaging';
import { dataSourceToken } from '@compliance/platform';
import { validatePolicy } from '@compliance/policy-engine';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { ActivePoliciesRepository } from '../evaluation/active-policies.repository';
import { diffDocuments } from '../lifecycle/document-diff';
import { PolicyEntity } from '../policies/policy.entity';
import { PolicyVersionEntity } from '../policies/policy-version.entity';

/** A dry-run must answer promptly; a service that is slower is reported as silent. */
const IMPACT_TIMEOUT_MS = 1500;

const AREAS = [
  ['retention', retentionImpact],
  ['access-review', accessReviewImpact],
  ['transfers', transferImpact],
  ['encryption', encryptionImpact],
] as const;

type DryRun = ResponseOf<typeof dryRunPolicy>;

/**
 * Reports what a version would change compared with the policies in force, changing
 * nothing. The services that own the data evaluate with the shared engine and answer with
 * counts; one that does not answer is named, never counted as zero.
 */
@Injectable()
export class DryRunService {
  private readonly logger = createLogger(DryRunService.name);

  constructor(
    @Inject(dataSourceToken('policy')) private readonly dataSource: DataSource,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly active: ActivePoliciesRepository,
  ) {}

  async dryRun(id: string, version: number | undefined, auth: AuthContext): Promise<DryRun> {
    const policy = await this.dataSource.manager.findOneBy(PolicyEntity, {
      id,
      companyId: auth.companyId,
    });

    if (!policy) {
      throw ServiceError.notFound('policy');
    }

    const target = version ?? policy.currentVersion;
    const candidate = await this.dataSource.manager.findOneBy(PolicyVersionEntity, {
      policyId: id,
      version: target,
    });

    if (!candidate) {
      throw ServiceError.notFound('policy version');
    }

    const active = await this.active.documents(auth.companyId);
    const same = active.find((document) => document.policyId === id);
    // The candidate replaces its own policy's active version; other policies stay in force.
    const request: ImpactRequest = {
      candidate: candidate.document,
      ...(same ? { replacesPolicyId: id } : {}),
      active: active.map(({ policyId, document }) => ({ policyId, document })),
      now: new Date().toISOString(),
    };

    const impact = await Promise.all(
      AREAS.map(async ([area, contract]) => ({
        area,
        ...(await this.ask(contract, request, auth)),
      })),
    );

    await this.audit(id, target, impact, auth);

    return {
      policyId: id,
      version: target,
      comparedWith: active.map(({ policyId, version: activeVersion }) => ({
        policyId,
        version: activeVersion,
      })),
      changes: diffDocuments(
        same ? validatePolicy(same.document).document : undefined,
        validatePolicy(candidate.document).document,
      ),
      impact,
      changed: false,
    };
  }

  /** Only the audit trail changes: who looked at what a version would do, and who answered. */
  private async audit(
    id: string,
    version: number,
    impact: DryRun['impact'],
    auth: AuthContext,
  ): Promise<void> {
    await this.dataSource.transaction((manager) =>
      recordAudit(manager, {
        companyId: auth.companyId,
        actor: auth.actor,
        action: 'policy.dry-run',
        resourceType: 'policy',
        resourceId: id,
        outcome: 'success',
        requestId: auth.requestId,
        details: {
          version,
          impact: impact.map(({ area, status }) => `${area}:${status}`),
        },
      }),
    );
  }

  private async ask(
    contract: AnyRequestContract,
    payload: unknown,
    auth: AuthContext,
  ): Promise<Pick<DryRun['impact'][number], 'status' | 'report'>> {
    try {
      const reply = await this.bus.request(
        contract.subject,
        { context: auth, payload },
        IMPACT_TIMEOUT_MS,
      );

      if (reply.ok) {
        const report = impactReportSchema.safeParse(reply.data);
        return report.success ? { status: 'answered', report: report.data } : { status: 'failed' };
      }
      return { status: isSilence(reply.error.code) ? 'no-answer' : 'failed' };
    } catch (error) {
      if (error instanceof ServiceError && isSilence(error.code)) {
        return { status: 'no-answer' };
      }

      this.logger.warn({ err: error, subject: contract.subject }, 'impact request failed');
      return { status: 'failed' };
    }
  }
}

function isSilence(code: string): boolean {
  return code === 'service_unavailable' || code === 'service_timeout';
}
