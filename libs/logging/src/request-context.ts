import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface RequestScope {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `work` with a request id that every log line inside it carries. */
export function runWithRequestId<T>(requestId: string | undefined, work: () => T): T {
  return storage.run({ requestId: requestId ?? randomUUID() }, work);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
