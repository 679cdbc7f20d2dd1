import { listDataResidency, listPolicyLogs, ServiceError } from '@compliance/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';

/** Routes that exist for clients already; their capabilities come with the policy engine. */
@Controller()
export class PendingCollectionsController {
  @MessagePattern(listPolicyLogs.subject)
  policyLogs(): never {
    // TODO(policy lifecycle): policy logs arrive with versioned apply and rollback.
    throw ServiceError.notImplemented('the policy log');
  }

  @MessagePattern(listDataResidency.subject)
  dataResidency(): never {
    // TODO(data residency): residency configuration arrives with the residency rules.
    throw ServiceError.notImplemented('data residency configuration');
  }
}
