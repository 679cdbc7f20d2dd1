import { Writable } from 'node:stream';

import { PGlite } from '@electric-sql/pglite';
import { configureLogging } from '@compliance/logging';

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

  describe('a transaction that sends nothing while others wait', () => {
    afterEach(() => configureLogging('silent'));

    function capture(): string[] {
      const lines: string[] = [];
      configureLogging(
        'error',
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            lines.push(chunk.toString());
            done();
          },
        }),
      );
      return lines;
    }

    it('should be reported once it has lasted, naming who holds and who waits', async () => {
      const lines = capture();
      const { db } = fakeSession();
      const queue = new SessionQueue(db, 20);

      await queue.enqueue(1, startup('compliance-dsr'), () => undefined);
      await queue.enqueue(2, startup('compliance-crm'), () => undefined);
      await client(queue, 1, ['QBEGIN']);
      // Client 1 now awaits something that needs client 2, which cannot run.
      const waiting = client(queue, 2, ['Qread']);
      await new Promise((resolve) => setTimeout(resolve, 60));

      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0])).toMatchObject({
        holder: 'compliance-dsr',
        waiting: ['compliance-crm'],
      });

      await client(queue, 1, ['QCOMMIT']);
      await waiting;
    });

    it('should not be reported when the transaction ends in time', async () => {
      const lines = capture();
      const { db } = fakeSession();
      const queue = new SessionQueue(db, 40);

      await client(queue, 1, ['QBEGIN']);
      const waiting = client(queue, 2, ['Qread']);
      await client(queue, 1, ['QCOMMIT']);
      await waiting;
      await new Promise((resolve) => setTimeout(resolve, 80));

      expect(lines).toEqual([]);
    });
  });
});

/** A startup message: length, protocol 3.0, then NUL-terminated names and values. */
function startup(applicationName: string): Uint8Array {
  const body = new TextEncoder().encode(`user\0postgres\0application_name\0${applicationName}\0\0`);
  const message = new Uint8Array(8 + body.length);
  new DataView(message.buffer).setInt32(0, message.length);
  new DataView(message.buffer).setInt32(4, 196_608);
  message.set(body, 8);
  return message;
}
