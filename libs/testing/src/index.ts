export * from './auth-context.factory';
export * from './test-servers';
