import {
  changeSecretVersion,
  createSecret,
  deleteSecret,
  getSecret,
  listSecrets,
  listSecretVersions,
  RequestOf,
  rollbackSecret,
  rotateSecret,
  updateSecret,
} from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { SecretRotationService } from '../versions/secret-rotation.service';
import { SecretsService } from './secrets.service';

@Controller()
export class SecretsController {
  constructor(
    private readonly secrets: SecretsService,
    private readonly rotation: SecretRotationService,
  ) {}

  @MessagePattern(createSecret.subject)
  create(@Payload() payload: RequestOf<typeof createSecret>, @Ctx() context: BusContext) {
    return this.secrets.create(payload, context.auth);
  }

  @MessagePattern(listSecrets.subject)
  list(@Payload() payload: RequestOf<typeof listSecrets>, @Ctx() context: BusContext) {
    return this.secrets.list(payload, context.auth);
  }

  @MessagePattern(getSecret.subject)
  get(@Payload() payload: RequestOf<typeof getSecret>, @Ctx() context: BusContext) {
    return this.secrets.get(payload.id, context.auth);
  }

  @MessagePattern(updateSecret.subject)
  update(@Payload() payload: RequestOf<typeof updateSecret>, @Ctx() context: BusContext) {
    return this.secrets.update(payload, context.auth);
  }

  @MessagePattern(deleteSecret.subject)
  remove(@Payload() payload: RequestOf<typeof deleteSecret>, @Ctx() context: BusContext) {
    return this.secrets.remove(payload.id, context.auth);
  }

  @MessagePattern(listSecretVersions.subject)
  versions(@Payload() payload: RequestOf<typeof listSecretVersions>, @Ctx() context: BusContext) {
    return this.secrets.listVersions(payload.id, context.auth);
  }

  @MessagePattern(rotateSecret.subject)
  rotate(@Payload() payload: RequestOf<typeof rotateSecret>, @Ctx() context: BusContext) {
    return this.rotation.rotate(payload.id, payload.value, context.auth);
  }

  @MessagePattern(rollbackSecret.subject)
  rollback(@Payload() payload: RequestOf<typeof rollbackSecret>, @Ctx() context: BusContext) {
    return this.rotation.rollback(payload.id, payload.toVersion, context.auth);
  }

  @MessagePattern(changeSecretVersion.subject)
  changeVersion(
    @Payload() payload: RequestOf<typeof changeSecretVersion>,
    @Ctx() context: BusContext,
  ) {
    return this.rotation.changeVersion(payload.id, payload.version, payload.status, context.auth);
  }
}
