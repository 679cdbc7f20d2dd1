export * from './encrypted-columns';
export * from './migrations/vault.migrations';
export * from './schedule/rotation-job.service';
export * from './support/value-binding';
export * from './vault-service.definition';
export * from './vault-service.module';
export * from './versions/vault-values';
