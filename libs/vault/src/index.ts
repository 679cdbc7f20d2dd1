export * from './vault-service.definition';
export * from './vault-service.module';
export * from './migrations/vault.migrations';
