import {
  identityRoleRevocationConfirmed,
  listStaleAccess,
  PayloadOf,
  RequestOf,
  resolveStaleAccess,
} from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';

import { StaleAccessService } from './stale-access.service';

@Controller()
export class StaleAccessController {
  constructor(private readonly staleAccess: StaleAccessService) {}

  @MessagePattern(listStaleAccess.subject)
  list(@Payload() payload: RequestOf<typeof listStaleAccess>, @Ctx() context: BusContext) {
    return this.staleAccess.list(payload, context.auth);
  }

  @MessagePattern(resolveStaleAccess.subject)
  resolve(@Payload() payload: RequestOf<typeof resolveStaleAccess>, @Ctx() context: BusContext) {
    return this.staleAccess.resolve(payload, context.auth);
  }

  @EventPattern(identityRoleRevocationConfirmed.subject)
  revocationConfirmed(
    @Payload() event: PayloadOf<typeof identityRoleRevocationConfirmed>,
    @Ctx() context: BusContext,
  ) {
    return this.staleAccess.confirmRevocation(event, context.auth, context.messageId ?? '');
  }
}
