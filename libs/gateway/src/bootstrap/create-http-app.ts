import { AppConfig } from '@compliance/config';
import { PinoNestLogger } from '@compliance/logging';
import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';

import { configureGatewayApp } from '../http/configure-gateway-app';

/** A Nest HTTP app around `rootModule`, configured as the gateway, not yet listening. */
export async function createHttpApp(
  rootModule: Type<unknown>,
  config: AppConfig,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule, {
    logger: new PinoNestLogger(),
  });

  configureGatewayApp(app, config);
  return app;
}
