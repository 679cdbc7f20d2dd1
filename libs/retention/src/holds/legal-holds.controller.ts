import {
  checkLegalHold,
  createLegalHold,
  findErasureHolds,
  getLegalHold,
  listLegalHolds,
  releaseLegalHold,
  RequestOf,
  updateLegalHold,
} from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { ErasureHoldsService } from './erasure-holds.service';
import { LegalHoldsService } from './legal-holds.service';

@Controller()
export class LegalHoldsController {
  constructor(
    private readonly erasureHolds: ErasureHoldsService,
    private readonly holds: LegalHoldsService,
  ) {}

  @MessagePattern(createLegalHold.subject)
  create(@Payload() payload: RequestOf<typeof createLegalHold>, @Ctx() context: BusContext) {
    return this.holds.create(payload, context.auth);
  }

  @MessagePattern(listLegalHolds.subject)
  list(@Payload() payload: RequestOf<typeof listLegalHolds>, @Ctx() context: BusContext) {
    return this.holds.list(payload, context.auth);
  }

  @MessagePattern(getLegalHold.subject)
  get(@Payload() payload: RequestOf<typeof getLegalHold>, @Ctx() context: BusContext) {
    return this.holds.get(payload.id, context.auth);
  }

  @MessagePattern(updateLegalHold.subject)
  update(@Payload() payload: RequestOf<typeof updateLegalHold>, @Ctx() context: BusContext) {
    return this.holds.updateReason(payload.id, payload.reason, context.auth);
  }

  @MessagePattern(releaseLegalHold.subject)
  release(@Payload() payload: RequestOf<typeof releaseLegalHold>, @Ctx() context: BusContext) {
    return this.holds.release(payload.id, context.auth);
  }

  /** Asked by the DSR service before an erasure, and by any other deleting service. */
  @MessagePattern(checkLegalHold.subject)
  check(@Payload() payload: RequestOf<typeof checkLegalHold>, @Ctx() context: BusContext) {
    return this.holds.isHeld(payload, context.auth);
  }

  /** Asked by a connector before it erases a subject's records. */
  @MessagePattern(findErasureHolds.subject)
  findErasureHolds(
    @Payload() payload: RequestOf<typeof findErasureHolds>,
    @Ctx() context: BusContext,
  ) {
    return this.erasureHolds.find(payload, context.auth);
  }
}
