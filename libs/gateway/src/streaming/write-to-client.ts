import { once } from 'node:events';
import { Writable } from 'node:stream';

/** What a download writer throws once the client has gone. */
export class ClientClosedError extends Error {
  constructor() {
    super('the client closed the download');
  }
}

/**
 * Writes one piece of a download and, when the client is behind, waits for it to drain.
 * A client gone mid-way never drains, so its close ends the wait; the listener that lost
 * that race is removed, or a long download would pile up one per wait.
 */
export async function writeToClient(output: Writable, text: string): Promise<void> {
  if (output.destroyed) {
    throw new ClientClosedError();
  }

  if (output.write(text)) {
    return;
  }

  const settled = new AbortController();

  try {
    await Promise.race([
      once(output, 'drain', { signal: settled.signal }),
      once(output, 'close', { signal: settled.signal }).then(() => {
        throw new ClientClosedError();
      }),
    ]);
  } finally {
    settled.abort();
  }
}
