export * from './connector/crm-connector';
export * from './connector/crm-data-map';
export * from './contacts/crm-contacts.repository';
export * from './migrations/crm.migrations';
