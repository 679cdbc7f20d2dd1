import {
  createRetentionPolicy,
  deleteRetentionPolicy,
  executeRetentionPolicy,
  getRetentionPolicy,
  listRetentionPolicies,
  RequestOf,
  updateRetentionPolicy,
} from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { RetentionRunsService } from '../runs/retention-runs.service';
import { RetentionPoliciesService } from './retention-policies.service';

@Controller()
export class RetentionPoliciesController {
  constructor(
    private readonly policies: RetentionPoliciesService,
    private readonly runs: RetentionRunsService,
  ) {}

  @MessagePattern(createRetentionPolicy.subject)
  create(@Payload() payload: RequestOf<typeof createRetentionPolicy>, @Ctx() context: BusContext) {
    return this.policies.create(payload, context.auth);
  }

  @MessagePattern(listRetentionPolicies.subject)
  list(@Payload() payload: RequestOf<typeof listRetentionPolicies>, @Ctx() context: BusContext) {
    return this.policies.list(payload, context.auth);
  }

  @MessagePattern(getRetentionPolicy.subject)
  get(@Payload() payload: RequestOf<typeof getRetentionPolicy>, @Ctx() context: BusContext) {
    return this.policies.get(payload.id, context.auth);
  }

  @MessagePattern(updateRetentionPolicy.subject)
  update(@Payload() payload: RequestOf<typeof updateRetentionPolicy>, @Ctx() context: BusContext) {
    return this.policies.update(payload, context.auth);
  }

  @MessagePattern(deleteRetentionPolicy.subject)
  remove(@Payload() payload: RequestOf<typeof deleteRetentionPolicy>, @Ctx() context: BusContext) {
    return this.policies.remove(payload.id, context.auth);
  }

  @MessagePattern(executeRetentionPolicy.subject)
  execute(
    @Payload() payload: RequestOf<typeof executeRetentionPolicy>,
    @Ctx() context: BusContext,
  ) {
    return this.runs.handle(payload, context.auth);
  }
}
