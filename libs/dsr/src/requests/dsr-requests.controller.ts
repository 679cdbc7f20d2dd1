import {
  createDsrRequest,
  exportDsrRequest,
  extendDsrRequest,
  getDsrRequest,
  liftDsrRequest,
  listDsrRequests,
  processDsrRequest,
  RequestOf,
  rollbackDsrRequest,
  updateDsrRequest,
  verifyDsrRequest,
} from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { DsrExportsService } from '../exports/dsr-exports.service';
import { DsrLiftService } from '../processing/dsr-lift.service';
import { DsrProcessingService } from '../processing/dsr-processing.service';
import { DsrRollbackService } from '../processing/dsr-rollback.service';
import { DsrRequestsService } from './dsr-requests.service';

@Controller()
export class DsrRequestsController {
  constructor(
    private readonly exports: DsrExportsService,
    private readonly lifts: DsrLiftService,
    private readonly processing: DsrProcessingService,
    private readonly requests: DsrRequestsService,
    private readonly rollbacks: DsrRollbackService,
  ) {}

  @MessagePattern(createDsrRequest.subject)
  create(@Payload() payload: RequestOf<typeof createDsrRequest>, @Ctx() context: BusContext) {
    return this.requests.create(payload, context.auth);
  }

  @MessagePattern(listDsrRequests.subject)
  list(@Payload() payload: RequestOf<typeof listDsrRequests>, @Ctx() context: BusContext) {
    return this.requests.list(payload, context.auth);
  }

  @MessagePattern(getDsrRequest.subject)
  get(@Payload() payload: RequestOf<typeof getDsrRequest>, @Ctx() context: BusContext) {
    return this.requests.get(payload.id, context.auth);
  }

  @MessagePattern(updateDsrRequest.subject)
  update(@Payload() payload: RequestOf<typeof updateDsrRequest>, @Ctx() context: BusContext) {
    return this.requests.update(payload, context.auth);
  }

  @MessagePattern(verifyDsrRequest.subject)
  verify(@Payload() payload: RequestOf<typeof verifyDsrRequest>, @Ctx() context: BusContext) {
    return this.requests.verify(payload, context.auth);
  }

  @MessagePattern(extendDsrRequest.subject)
  extend(@Payload() payload: RequestOf<typeof extendDsrRequest>, @Ctx() context: BusContext) {
    return this.requests.extend(payload, context.auth);
  }

  @MessagePattern(processDsrRequest.subject)
  async process(
    @Payload() payload: RequestOf<typeof processDsrRequest>,
    @Ctx() context: BusContext,
  ) {
    await this.processing.process(payload.id, context.auth);
    return this.requests.get(payload.id, context.auth);
  }

  @MessagePattern(rollbackDsrRequest.subject)
  async rollback(
    @Payload() payload: RequestOf<typeof rollbackDsrRequest>,
    @Ctx() context: BusContext,
  ) {
    await this.rollbacks.rollback(payload.id, context.auth);
    return this.requests.get(payload.id, context.auth);
  }

  @MessagePattern(liftDsrRequest.subject)
  async lift(@Payload() payload: RequestOf<typeof liftDsrRequest>, @Ctx() context: BusContext) {
    await this.lifts.lift(payload.id, context.auth);
    return this.requests.get(payload.id, context.auth);
  }

  @MessagePattern(exportDsrRequest.subject)
  export(@Payload() payload: RequestOf<typeof exportDsrRequest>, @Ctx() context: BusContext) {
    return this.exports.describe(payload.id, context.auth, payload.format);
  }
}
