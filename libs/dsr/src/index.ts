export * from './deadlines/deadline-rules';
export * from './deadlines/zoned-calendar';
export * from './dsr-service.definition';
export * from './dsr-service.module';
export * from './exports/dsr-exports.service';
export * from './maintenance/dsr-maintenance.service';
export * from './migrations/dsr.migrations';
export * from './settings/dsr-settings';
