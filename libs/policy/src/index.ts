export * from './maintenance/policy-maintenance.service';
export * from './migrations/policy.migrations';
export * from './operator/policy-operator';
export * from './policy-service.definition';
export * from './policy-service.module';
export * from './validation/policy-document.validator';
