import { openDsrExportDownload, readDsrExportPage, RequestOf } from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { DsrExportDownloadsService } from './dsr-export-downloads.service';

@Controller()
export class DsrExportDownloadsController {
  constructor(private readonly downloads: DsrExportDownloadsService) {}

  @MessagePattern(openDsrExportDownload.subject)
  open(@Payload() payload: RequestOf<typeof openDsrExportDownload>, @Ctx() context: BusContext) {
    return this.downloads.open(payload.id, payload.token, context.auth);
  }

  @MessagePattern(readDsrExportPage.subject)
  page(@Payload() payload: RequestOf<typeof readDsrExportPage>, @Ctx() context: BusContext) {
    return this.downloads.page(payload.id, payload.token, payload.cursor, context.auth);
  }
}
