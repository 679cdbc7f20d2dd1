import { AppConfig } from '@compliance/config';
import { ServiceError, issuesToDetails } from '@compliance/contracts';
import { httpMetricsMiddleware } from '@compliance/platform';
import { ValidationError, ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';

import { GatewayExceptionFilter } from '../errors/gateway-exception.filter';
import { requestIdMiddleware } from './request-id.middleware';

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

/**
 * Everything the HTTP side needs before it listens: request ids, metrics, security
 * headers, body limits, strict DTO validation, one error shape, and the OpenAPI docs.
 */
export function configureGatewayApp(app: NestExpressApplication, config: AppConfig): void {
  app.use(requestIdMiddleware);
  app.use(httpMetricsMiddleware);
  app.use(helmet());
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.useBodyParser('text', { limit: config.http.bodyLimit, type: YAML_TYPES });
  app.useGlobalFilters(new GatewayExceptionFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        ServiceError.badRequest('the request is invalid', flatten(errors)),
    }),
  );

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CRM compliance platform')
      .setDescription('Policies, data subject requests, secrets, access reviews, retention')
      .setVersion('1')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', name: 'X-API-Key', in: 'header' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

function flatten(errors: ValidationError[], parent = ''): ReturnType<typeof issuesToDetails> {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
