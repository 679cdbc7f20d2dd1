import { RequestOf, transferImpact } from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { TransferImpactService } from './transfer-impact.service';

@Controller()
export class TransferImpactController {
  constructor(private readonly transfers: TransferImpactService) {}

  @MessagePattern(transferImpact.subject)
  impact(@Payload() payload: RequestOf<typeof transferImpact>, @Ctx() context: BusContext) {
    return this.transfers.impact(payload, context.auth);
  }
}
