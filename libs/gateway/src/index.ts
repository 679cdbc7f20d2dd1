export * from './client/service-client';
export * from './errors/http-status';
export * from './gateway.module';
export * from './http/configure-gateway-app';
export * from './bootstrap/create-http-app';
export * from './bootstrap/create-gateway-app';
