export * from './data-source.factory';
export * from './database-endpoint';
export * from './embedded-postgres';
export * from './migration-runner';
export * from './migration-set';
