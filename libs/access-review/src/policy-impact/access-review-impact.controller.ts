import { accessReviewImpact, RequestOf } from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { AccessReviewImpactService } from './access-review-impact.service';

@Controller()
export class AccessReviewImpactController {
  constructor(private readonly impact: AccessReviewImpactService) {}

  @MessagePattern(accessReviewImpact.subject)
  answer(@Payload() payload: RequestOf<typeof accessReviewImpact>, @Ctx() context: BusContext) {
    return this.impact.impact(payload, context.auth);
  }
}
