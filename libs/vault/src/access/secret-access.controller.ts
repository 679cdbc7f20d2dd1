import {
  listSecretLogs,
  readSecret,
  RequestOf,
  revealSecret,
  supplySecretValue,
} from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { SecretLogsService } from '../logs/secret-logs.service';
import { SecretRotationService } from '../versions/secret-rotation.service';
import { SecretAccessService } from './secret-access.service';

/** Where values go out (reveal, service read) or come in from their owner, and the log. */
@Controller()
export class SecretAccessController {
  constructor(
    private readonly access: SecretAccessService,
    private readonly logs: SecretLogsService,
    private readonly rotation: SecretRotationService,
  ) {}

  @MessagePattern(revealSecret.subject)
  reveal(@Payload() payload: RequestOf<typeof revealSecret>, @Ctx() context: BusContext) {
    return this.access.reveal(payload.id, payload.reason, payload.version, context.auth);
  }

  @MessagePattern(readSecret.subject)
  async read(@Payload() payload: RequestOf<typeof readSecret>, @Ctx() context: BusContext) {
    const read = await this.access.read(payload.name, payload.version, context.auth);

    return {
      secretId: read.id,
      name: read.name,
      version: read.version,
      value: read.value,
      expiresAt: read.expiresAt,
    };
  }

  @MessagePattern(supplySecretValue.subject)
  supply(@Payload() payload: RequestOf<typeof supplySecretValue>, @Ctx() context: BusContext) {
    return this.rotation.supply(payload.name, payload.value, context.auth);
  }

  @MessagePattern(listSecretLogs.subject)
  list(@Payload() payload: RequestOf<typeof listSecretLogs>, @Ctx() context: BusContext) {
    return this.logs.list(payload, context.auth);
  }
}
