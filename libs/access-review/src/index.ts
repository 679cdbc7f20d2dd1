export * from './access-review-service.definition';
export * from './access-review-service.module';
export * from './migrations/access-review.migrations';
