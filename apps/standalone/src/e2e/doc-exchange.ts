import { DocExample } from '@compliance/testing';
import request from 'supertest';

import { RunningPlatform } from './platform-harness';

export interface ExchangeOptions {
  headers?: Record<string, string>;
  body?: unknown;
}

/** One HTTP exchange with the platform, kept in the shape a guide shows it. */
export async function docExchange(
  platform: RunningPlatform,
  method: 'get' | 'post' | 'patch' | 'put',
  path: string,
  options: ExchangeOptions = {},
): Promise<DocExample> {
  let call = request(platform.http)[method](path);

  for (const [name, value] of Object.entries(options.headers ?? {})) {
    call = call.set(name, value);
  }

  const response = await (options.body === undefined ? call : call.send(options.body as object));

  return {
    request: { method: method.toUpperCase(), path, headers: options.headers, body: options.body },
    response: { status: response.status, body: response.body as unknown },
  };
}
