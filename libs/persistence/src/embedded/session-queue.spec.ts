import { PGlite } from '@electric-sql/pglite';

import { SessionQueue } from './session-queue';

/** Stands in for PGlite's one session: records what ran, in order. */
function fakeSession() {
  const ran: string[] = [];
  let inTransaction = false;

  const db = {
    isInTransaction: () => inTransaction,
    runExclusive: <T>(work: () => Promise<T>) => work(),
    exec: async () => undefined,
    execProtocolRawStream: async (message: Uint8Array) => {
      const text = new TextDecoder().decode(message);
      ran.push(text);
      if (text.includes('BEGIN')) inTransaction = true;
      if (text.includes('COMMIT')) inTransaction = false;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };

  return { db: db as unknown as PGlite, ran };
}

/** A client sends its messages one after another, as the socket handler does. */
async function client(queue: SessionQueue, id: number, messages: string[]): Promise<void> {
  for (const message of messages) {
    await queue.enqueue(id, new TextEncoder().encode(`${message}${id}`), () => undefined);
  }
}

describe('SessionQueue', () => {
  it('should run a statement from Parse to Sync before another client’s message', async () => {
    const { db, ran } = fakeSession();
    const queue = new SessionQueue(db);

    await Promise.all([
      client(queue, 1, ['P', 'B', 'E', 'S']),
      client(queue, 2, ['P', 'B', 'E', 'S']),
    ]);

    expect(ran).toEqual(['P1', 'B1', 'E1', 'S1', 'P2', 'B2', 'E2', 'S2']);
  });

  it('should keep a transaction’s statements together, others taking turns outside', async () => {
    const { db, ran } = fakeSession();
    const queue = new SessionQueue(db);

    await Promise.all([
      client(queue, 1, ['QBEGIN', 'Qwork', 'QCOMMIT']),
      client(queue, 2, ['Qone', 'Qtwo']),
    ]);

    const first = ran.indexOf('QBEGIN1');
    expect(ran.slice(first, first + 3)).toEqual(['QBEGIN1', 'Qwork1', 'QCOMMIT1']);
    expect(ran).toHaveLength(5);
  });
});
