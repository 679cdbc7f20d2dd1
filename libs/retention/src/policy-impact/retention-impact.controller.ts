import { RequestOf, retentionImpact } from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { RetentionImpactService } from './retention-impact.service';

/** Answers a policy dry-run for the caller's company; nothing in the payload names one. */
@Controller()
export class RetentionImpactController {
  constructor(private readonly impact: RetentionImpactService) {}

  @MessagePattern(retentionImpact.subject)
  answer(@Payload() payload: RequestOf<typeof retentionImpact>, @Ctx() context: BusContext) {
    return this.impact.impact(payload, context.auth);
  }
}
