import {
  checkTransfer,
  deleteResidency,
  getResidency,
  listDataResidency,
  RequestOf,
  resolveResidencyPlacement,
  saveResidency,
  updateResidency,
} from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { ResidencyService } from './residency.service';

@Controller()
export class ResidencyController {
  constructor(private readonly residency: ResidencyService) {}

  @MessagePattern(listDataResidency.subject)
  list(@Payload() payload: RequestOf<typeof listDataResidency>, @Ctx() context: BusContext) {
    return this.residency.list(payload, context.auth);
  }

  @MessagePattern(getResidency.subject)
  get(@Payload() payload: RequestOf<typeof getResidency>, @Ctx() context: BusContext) {
    return this.residency.get(payload.id, context.auth);
  }

  @MessagePattern(saveResidency.subject)
  save(@Payload() payload: RequestOf<typeof saveResidency>, @Ctx() context: BusContext) {
    return this.residency.save(payload, context.auth);
  }

  @MessagePattern(updateResidency.subject)
  update(@Payload() payload: RequestOf<typeof updateResidency>, @Ctx() context: BusContext) {
    return this.residency.update(payload, context.auth);
  }

  @MessagePattern(deleteResidency.subject)
  remove(@Payload() payload: RequestOf<typeof deleteResidency>, @Ctx() context: BusContext) {
    return this.residency.remove(payload.id, context.auth);
  }

  @MessagePattern(checkTransfer.subject)
  checkTransfer(@Payload() payload: RequestOf<typeof checkTransfer>, @Ctx() context: BusContext) {
    return this.residency.checkTransfer(payload, context.auth);
  }

  @MessagePattern(resolveResidencyPlacement.subject)
  placement(
    @Payload() payload: RequestOf<typeof resolveResidencyPlacement>,
    @Ctx() context: BusContext,
  ) {
    return this.residency.placement(payload.category, context.auth);
  }
}
