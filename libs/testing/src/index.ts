export * from './auth-context.factory';
export * from './test-servers';
export * from './doc-example';
export * from './smtp-inbox';
export * from './service-test-bed';
export * from './scripted-policy-reader';
