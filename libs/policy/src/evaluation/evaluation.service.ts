import { recordAudit } from '@compliance/audit';
import { AuthContext, PolicyDecisionView } from '@compliance/contracts';
import { dataSourceToken } from '@compliance/platform';
import { EvaluationRequest, evaluatePolicies } from '@compliance/policy-engine';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { ActivePoliciesRepository } from './active-policies.repository';

/** Answers "may this happen?" against the policies in force; every warn and deny is audited. */
@Injectable()
export class EvaluationService {
  constructor(
    @Inject(dataSourceToken('policy')) private readonly dataSource: DataSource,
    private readonly active: ActivePoliciesRepository,
  ) {}

  async evaluate(request: EvaluationRequest, auth: AuthContext): Promise<PolicyDecisionView> {
    const decision = evaluatePolicies(
      await this.active.compiledFor(auth.companyId),
      request,
      new Date(),
    );

    if (decision.decision !== 'allow') {
      await this.dataSource.transaction((manager) =>
        recordAudit(manager, {
          companyId: auth.companyId,
          actor: auth.actor,
          action: `policy.enforcement.${decision.decision}`,
          resourceType: request.resource.entity,
          resourceId: request.resource.id ?? null,
          outcome: decision.decision === 'deny' ? 'denied' : 'success',
          requestId: auth.requestId,
          details: {
            action: request.action,
            ruleId: decision.ruleId,
            fromRegion: request.context?.fromRegion,
            toRegion: request.context?.toRegion,
          },
        }),
      );
    }

    return decision;
  }
}
