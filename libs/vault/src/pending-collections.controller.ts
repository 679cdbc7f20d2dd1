import { ServiceError, listSecretLogs, listSecrets } from '@compliance/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';

/**
 * The service's routes are wired end to end (gateway, bus, contract checks, tenancy);
 * until its capability lands it answers 501 rather than an empty list that would
 * claim there is nothing to show.
 */
@Controller()
export class PendingCollectionsController {
  @MessagePattern(listSecrets.subject)
  secrets(): never {
    // TODO(secrets vault): this collection is served once the capability is built.
    throw ServiceError.notImplemented('the secrets vault');
  }

  @MessagePattern(listSecretLogs.subject)
  secretLogs(): never {
    // TODO(secrets vault): this collection is served once the capability is built.
    throw ServiceError.notImplemented('the secret access log');
  }
}
