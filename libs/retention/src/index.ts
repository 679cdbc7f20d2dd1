export * from './retention-service.definition';
export * from './retention-service.module';
export * from './migrations/retention.migrations';
