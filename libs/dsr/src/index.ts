export * from './dsr-service.definition';
export * from './dsr-service.module';
export * from './migrations/dsr.migrations';
