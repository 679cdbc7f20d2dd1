import { Mailer } from '@compliance/mail';
import { ServiceDatabaseModule } from '@compliance/platform';
import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';

import { dsrEncryptionProviders } from './encryption/dsr-encryption.provider';
import { DsrSubjectCipher } from './encryption/dsr-subject-cipher';
import { DsrExportDownloadsController } from './exports/dsr-export-downloads.controller';
import { DsrExportDownloadsService } from './exports/dsr-export-downloads.service';
import { DsrExportsService } from './exports/dsr-exports.service';
import { DsrMaintenanceService } from './maintenance/dsr-maintenance.service';
import { DsrScheduler } from './maintenance/dsr-scheduler';
import { DSR_SCHEMA } from './migrations/dsr.migrations';
import { DsrContactController } from './notices/dsr-contact.controller';
import { DsrContactSealer } from './notices/dsr-contact.sealer';
import { DsrContactService } from './notices/dsr-contact.service';
import { DSR_MAILER, dsrMailerProvider } from './notices/dsr-mailer.provider';
import { DsrNoticeMailer } from './notices/dsr-notice-mailer.service';
import { DsrEventsController } from './processing/dsr-events.controller';
import { DsrLiftService } from './processing/dsr-lift.service';
import { DsrProcessingService } from './processing/dsr-processing.service';
import { ErasureHoldGate } from './processing/erasure-hold-gate';
import { DsrRequestsController } from './requests/dsr-requests.controller';
import { DsrRequestsService } from './requests/dsr-requests.service';

@Module({
  imports: [
    ScheduleModule.forRoot(),
    ServiceDatabaseModule.forService({ service: 'dsr', schema: DSR_SCHEMA, entities: [] }),
  ],
  controllers: [
    DsrContactController,
    DsrEventsController,
    DsrExportDownloadsController,
    DsrRequestsController,
  ],
  providers: [
    ...dsrEncryptionProviders,
    dsrMailerProvider,
    DsrContactSealer,
    DsrContactService,
    DsrExportDownloadsService,
    DsrExportsService,
    DsrLiftService,
    DsrMaintenanceService,
    DsrNoticeMailer,
    DsrProcessingService,
    DsrRequestsService,
    DsrScheduler,
    DsrSubjectCipher,
    ErasureHoldGate,
  ],
  exports: [DsrMaintenanceService, DsrExportsService],
})
export class DsrServiceModule implements OnApplicationShutdown {
  constructor(@Inject(DSR_MAILER) private readonly mailer: Mailer) {}

  onApplicationShutdown(): void {
    this.mailer.close();
  }
}
