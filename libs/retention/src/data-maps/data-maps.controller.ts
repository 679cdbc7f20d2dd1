import { hasScope, registerRetentionDataMap, RequestOf, ServiceError } from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { DataMapCatalog } from './data-map-catalog.service';

/**
 * CRM modules register their data maps over the bus; no gateway route exposes this. A
 * map names tables every company's rules run against, so only an admin credential may.
 */
@Controller()
export class DataMapsController {
  constructor(private readonly catalog: DataMapCatalog) {}

  @MessagePattern(registerRetentionDataMap.subject)
  register(
    @Payload() payload: RequestOf<typeof registerRetentionDataMap>,
    @Ctx() context: BusContext,
  ) {
    if (!hasScope(context.auth.scopes, 'admin')) {
      throw new ServiceError('forbidden', 'registering a data map needs the admin scope');
    }

    return this.catalog.register(payload.dataMap);
  }
}
