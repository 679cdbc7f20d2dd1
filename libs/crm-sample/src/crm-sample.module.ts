import { ConnectorHost } from '@compliance/connector';
import { FieldEncryption, fieldEncryptionToken, provideFieldEncryption } from '@compliance/crypto';
import { MESSAGE_BUS, MessageBus, OutboxRelay } from '@compliance/messaging';
import { dataSourceToken, outboxRelayToken, ServiceDatabaseModule } from '@compliance/platform';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { createCrmConnector } from './connector/crm-connector';
import { CRM_MODULE } from './connector/crm-data-map';
import { EncryptionImpactController } from './encryption-impact/encryption-impact.controller';
import { EncryptionImpactService } from './encryption-impact/encryption-impact.service';
import { CRM_SCHEMA } from './migrations/crm.migrations';
import { CrmConnectorLifecycle } from './runtime/crm-connector.lifecycle';
import { CrmUsersService } from './users/crm-users.service';

export const CRM_CONNECTOR_HOST = Symbol('CRM_CONNECTOR_HOST');

/**
 * The sample CRM as a module of its own: its pool and outbox on the `crm` schema, its
 * contact PII under the configured key provider, and its connector on the bus.
 */
@Module({
  imports: [
    ServiceDatabaseModule.forService({ service: CRM_MODULE, schema: CRM_SCHEMA, entities: [] }),
  ],
  controllers: [EncryptionImpactController],
  providers: [
    EncryptionImpactService,
    ...provideFieldEncryption(CRM_MODULE),
    {
      provide: CRM_CONNECTOR_HOST,
      inject: [dataSourceToken(CRM_MODULE), MESSAGE_BUS, fieldEncryptionToken(CRM_MODULE)],
      useFactory: (dataSource: DataSource, bus: MessageBus, encryption: FieldEncryption) =>
        createCrmConnector(dataSource, bus, encryption),
    },
    {
      provide: CrmConnectorLifecycle,
      inject: [dataSourceToken(CRM_MODULE), CRM_CONNECTOR_HOST],
      useFactory: (dataSource: DataSource, host: ConnectorHost) =>
        new CrmConnectorLifecycle(dataSource, host),
    },
    {
      provide: CrmUsersService,
      inject: [dataSourceToken(CRM_MODULE), outboxRelayToken(CRM_MODULE)],
      useFactory: (dataSource: DataSource, relay: OutboxRelay) =>
        new CrmUsersService(dataSource, relay),
    },
  ],
  exports: [CrmConnectorLifecycle, CrmUsersService],
})
export class CrmSampleModule {}
