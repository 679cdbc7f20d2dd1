import { AppConfig, APP_CONFIG } from '@compliance/config';
import { Mailer } from '@compliance/mail';
import { ServiceDatabaseModule } from '@compliance/platform';
import { ActivePolicyReader } from '@compliance/policy-settings';
import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';

import { dsrEncryptionProviders } from './encryption/dsr-encryption.provider';
import { DsrSubjectCipher } from './encryption/dsr-subject-cipher';
import { DsrExportDownloadsController } from './exports/dsr-export-downloads.controller';
import { DsrExportDownloadsService } from './exports/dsr-export-downloads.service';
import { DsrExportExpiryService } from './exports/dsr-export-expiry.service';
import { DsrExportPartsReader } from './exports/dsr-export-parts.reader';
import { DsrExportsService } from './exports/dsr-exports.service';
import { EXPORT_PLACEMENT, EXPORT_STORE } from './exports/store/export-store';
import { LocalExportStore } from './exports/store/local-export-store';
import { ResidencyExportPlacement } from './exports/store/residency-export-placement';
import { DsrMaintenanceService } from './maintenance/dsr-maintenance.service';
import { DsrScheduler } from './maintenance/dsr-scheduler';
import { DSR_SCHEMA } from './migrations/dsr.migrations';
import { DsrContactController } from './notices/dsr-contact.controller';
import { DsrContactSealer } from './notices/dsr-contact.sealer';
import { DsrContactService } from './notices/dsr-contact.service';
import { DSR_MAILER, dsrMailerProvider } from './notices/dsr-mailer.provider';
import { DsrNoticeMailer } from './notices/dsr-notice-mailer.service';
import { DsrEventsController } from './processing/dsr-events.controller';
import { DsrExportRefusalService } from './processing/dsr-export-refusal.service';
import { DsrLiftService } from './processing/dsr-lift.service';
import { DsrProcessingService } from './processing/dsr-processing.service';
import { DsrRollbackService } from './processing/dsr-rollback.service';
import { ErasureHoldGate } from './processing/erasure-hold-gate';
import { DsrRequestsController } from './requests/dsr-requests.controller';
import { DsrRequestsService } from './requests/dsr-requests.service';
import { DsrPolicyAppliedController } from './settings/dsr-policy-applied.controller';

@Module({
  imports: [
    ScheduleModule.forRoot(),
    ServiceDatabaseModule.forService({ service: 'dsr', schema: DSR_SCHEMA, entities: [] }),
  ],
  controllers: [
    DsrContactController,
    DsrEventsController,
    DsrExportDownloadsController,
    DsrPolicyAppliedController,
    DsrRequestsController,
  ],
  providers: [
    ...dsrEncryptionProviders,
    { provide: EXPORT_PLACEMENT, useExisting: ResidencyExportPlacement },
    {
      provide: EXPORT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalExportStore(config.dsr.exportDir),
    },
    dsrMailerProvider,
    ActivePolicyReader,
    DsrContactSealer,
    DsrContactService,
    DsrExportDownloadsService,
    DsrExportExpiryService,
    DsrExportPartsReader,
    DsrExportRefusalService,
    DsrExportsService,
    DsrLiftService,
    DsrMaintenanceService,
    DsrNoticeMailer,
    DsrProcessingService,
    DsrRequestsService,
    DsrRollbackService,
    DsrScheduler,
    DsrSubjectCipher,
    ErasureHoldGate,
    ResidencyExportPlacement,
  ],
  exports: [DsrMaintenanceService, DsrExportsService],
})
export class DsrServiceModule implements OnApplicationShutdown {
  constructor(@Inject(DSR_MAILER) private readonly mailer: Mailer) {}

  onApplicationShutdown(): void {
    this.mailer.close();
  }
}
