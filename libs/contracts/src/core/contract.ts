import { z } from 'zod';

/** A request-reply exchange: the gateway or another service asks, one service answers. */
export interface RequestContract<Req extends z.ZodType, Res extends z.ZodType> {
  kind: 'request';
  subject: string;
  version: number;
  request: Req;
  response: Res;
}

/** A durable event on JetStream that must not be lost. */
export interface EventContract<Payload extends z.ZodType> {
  kind: 'event';
  subject: string;
  version: number;
  payload: Payload;
}

export type AnyRequestContract = RequestContract<z.ZodType, z.ZodType>;
export type AnyEventContract = EventContract<z.ZodType>;
export type AnyContract = AnyRequestContract | AnyEventContract;

export type RequestOf<C extends AnyRequestContract> = z.infer<C['request']>;
export type ResponseOf<C extends AnyRequestContract> = z.infer<C['response']>;
export type PayloadOf<C extends AnyEventContract> = z.infer<C['payload']>;

/** Subjects carry their version, so a v2 payload can run beside v1 during a rollout. */
export function defineRequest<Req extends z.ZodType, Res extends z.ZodType>(spec: {
  subject: string;
  version: number;
  request: Req;
  response: Res;
}): RequestContract<Req, Res> {
  return { kind: 'request', ...spec, subject: `${spec.subject}.v${spec.version}` };
}

export function defineEvent<Payload extends z.ZodType>(spec: {
  subject: string;
  version: number;
  payload: Payload;
}): EventContract<Payload> {
  return { kind: 'event', ...spec, subject: `${spec.subject}.v${spec.version}` };
}
