import { ConnectorHost, IdentifierMatcher, PostgresConnector } from '@compliance/connector';
import { FieldEncryption } from '@compliance/crypto';
import { MessageBus } from '@compliance/messaging';
import { DataSource } from 'typeorm';

import { CRM_SCHEMA } from '../migrations/crm.migrations';
import { crmFieldReader, crmFieldWriter } from './crm-contact-fields';
import { CRM_MODULE, crmDataMap } from './crm-data-map';

/** Encrypted identifiers are matched by their blind index; external ids as they are. */
export function crmIdentifierMatcher(encryption: FieldEncryption): IdentifierMatcher {
  return (companyId, identifier, blindIndexed) =>
    blindIndexed && identifier.kind !== 'external_id'
      ? encryption.blindIndex(identifier.kind, identifier.value, companyId)
      : identifier.value.trim();
}

/** The sample CRM's part in data subject requests: its data map on the built-in connector. */
export function createCrmConnector(
  dataSource: DataSource,
  bus: MessageBus,
  encryption: FieldEncryption,
  batchSize = 500,
): ConnectorHost {
  const handler = new PostgresConnector(dataSource, crmDataMap, crmIdentifierMatcher(encryption), {
    batchSize,
    fieldReader: crmFieldReader(encryption),
    fieldWriter: crmFieldWriter(encryption),
  });

  return new ConnectorHost({
    name: CRM_MODULE,
    bus,
    dataSource,
    schema: CRM_SCHEMA,
    handler,
    cipher: encryption,
  });
}
