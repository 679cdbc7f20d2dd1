import {
  applyPolicy,
  archivePolicy,
  diffPolicyVersions,
  dryRunPolicy,
  evaluatePolicyAction,
  getActivePolicies,
  listPolicyLogs,
  listPolicyVersions,
  RequestOf,
  rollbackPolicy,
  updatePolicy,
  validateStoredPolicy,
} from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { DryRunService } from '../dry-run/dry-run.service';
import { ActivePoliciesRepository } from '../evaluation/active-policies.repository';
import { EvaluationService } from '../evaluation/evaluation.service';
import { PolicyLogsService } from '../logs/policy-logs.service';
import { PoliciesService } from '../policies/policies.service';
import { PolicyLifecycleService } from './policy-lifecycle.service';

@Controller()
export class PolicyLifecycleController {
  constructor(
    private readonly active: ActivePoliciesRepository,
    private readonly dryRuns: DryRunService,
    private readonly evaluation: EvaluationService,
    private readonly lifecycle: PolicyLifecycleService,
    private readonly logs: PolicyLogsService,
    private readonly policies: PoliciesService,
  ) {}

  @MessagePattern(updatePolicy.subject)
  update(@Payload() payload: RequestOf<typeof updatePolicy>, @Ctx() context: BusContext) {
    return this.lifecycle.update(payload, context.auth);
  }

  @MessagePattern(archivePolicy.subject)
  archive(@Payload() payload: RequestOf<typeof archivePolicy>, @Ctx() context: BusContext) {
    return this.lifecycle.archive(payload.id, context.auth);
  }

  @MessagePattern(validateStoredPolicy.subject)
  async validate(
    @Payload() payload: RequestOf<typeof validateStoredPolicy>,
    @Ctx() context: BusContext,
  ) {
    const document = await this.policies.document(payload.id, payload.version, context.auth);
    return this.policies.validate(document, context.auth);
  }

  @MessagePattern(dryRunPolicy.subject)
  dryRun(@Payload() payload: RequestOf<typeof dryRunPolicy>, @Ctx() context: BusContext) {
    return this.dryRuns.dryRun(payload.id, payload.version, context.auth);
  }

  @MessagePattern(applyPolicy.subject)
  apply(@Payload() payload: RequestOf<typeof applyPolicy>, @Ctx() context: BusContext) {
    return this.lifecycle.apply(payload.id, payload.version, context.auth);
  }

  @MessagePattern(rollbackPolicy.subject)
  rollback(@Payload() payload: RequestOf<typeof rollbackPolicy>, @Ctx() context: BusContext) {
    return this.lifecycle.rollback(payload.id, payload.toVersion, context.auth);
  }

  @MessagePattern(listPolicyVersions.subject)
  versions(@Payload() payload: RequestOf<typeof listPolicyVersions>, @Ctx() context: BusContext) {
    return this.lifecycle.versions(payload.id, context.auth);
  }

  @MessagePattern(diffPolicyVersions.subject)
  diff(@Payload() payload: RequestOf<typeof diffPolicyVersions>, @Ctx() context: BusContext) {
    return this.lifecycle.diff(payload.id, payload.from, payload.to, context.auth);
  }

  @MessagePattern(evaluatePolicyAction.subject)
  evaluate(@Payload() payload: RequestOf<typeof evaluatePolicyAction>, @Ctx() context: BusContext) {
    return this.evaluation.evaluate(payload, context.auth);
  }

  @MessagePattern(getActivePolicies.subject)
  async activePolicies(@Ctx() context: BusContext) {
    return { policies: await this.active.documents(context.companyId) };
  }

  @MessagePattern(listPolicyLogs.subject)
  policyLogs(@Payload() payload: RequestOf<typeof listPolicyLogs>, @Ctx() context: BusContext) {
    return this.logs.list(payload, context.auth);
  }
}
