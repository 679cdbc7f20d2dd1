import { ServiceError, listRetentionLogs, listRetentionPolicies } from '@compliance/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';

/**
 * The service's routes are wired end to end (gateway, bus, contract checks, tenancy);
 * until its capability lands it answers 501 rather than an empty list that would
 * claim there is nothing to show.
 */
@Controller()
export class PendingCollectionsController {
  @MessagePattern(listRetentionPolicies.subject)
  policies(): never {
    // TODO(retention): this collection is served once the capability is built.
    throw ServiceError.notImplemented('retention policies');
  }

  @MessagePattern(listRetentionLogs.subject)
  logs(): never {
    // TODO(retention): this collection is served once the capability is built.
    throw ServiceError.notImplemented('retention logs');
  }
}
