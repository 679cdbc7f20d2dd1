import { getDsrContact, RequestOf, setDsrContact } from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { DsrContactService } from './dsr-contact.service';

@Controller()
export class DsrContactController {
  constructor(private readonly contacts: DsrContactService) {}

  @MessagePattern(getDsrContact.subject)
  get(@Ctx() context: BusContext) {
    return this.contacts.get(context.auth);
  }

  @MessagePattern(setDsrContact.subject)
  set(@Payload() payload: RequestOf<typeof setDsrContact>, @Ctx() context: BusContext) {
    return this.contacts.set(payload, context.auth);
  }
}
