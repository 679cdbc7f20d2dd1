import { encryptionImpact, RequestOf } from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { EncryptionImpactService } from './encryption-impact.service';

@Controller()
export class EncryptionImpactController {
  constructor(private readonly encryption: EncryptionImpactService) {}

  @MessagePattern(encryptionImpact.subject)
  impact(@Payload() payload: RequestOf<typeof encryptionImpact>, @Ctx() context: BusContext) {
    return this.encryption.impact(payload, context.auth);
  }
}
