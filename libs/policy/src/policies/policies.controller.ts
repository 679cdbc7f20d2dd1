import {
  createPolicy,
  getPolicy,
  listPolicies,
  RequestOf,
  validatePolicyDocument,
} from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { PoliciesService } from './policies.service';

@Controller()
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @MessagePattern(validatePolicyDocument.subject)
  validate(
    @Payload() payload: RequestOf<typeof validatePolicyDocument>,
    @Ctx() context: BusContext,
  ) {
    return this.policies.validate(payload.document, context.auth);
  }

  @MessagePattern(createPolicy.subject)
  create(@Payload() payload: RequestOf<typeof createPolicy>, @Ctx() context: BusContext) {
    return this.policies.create(payload, context.auth);
  }

  @MessagePattern(listPolicies.subject)
  list(@Payload() payload: RequestOf<typeof listPolicies>, @Ctx() context: BusContext) {
    return this.policies.list(payload, context.auth);
  }

  @MessagePattern(getPolicy.subject)
  get(@Payload() payload: RequestOf<typeof getPolicy>, @Ctx() context: BusContext) {
    return this.policies.get(payload.id, context.auth);
  }
}
