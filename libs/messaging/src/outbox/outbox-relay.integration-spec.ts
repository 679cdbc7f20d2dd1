import { randomUUID } from 'node:crypto';

import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { defineEvent } from '@compliance/contracts';
import { MigrationSet, openDataSource, runMigrations } from '@compliance/persistence';
import {
  buildAuthContext,
  createTestDatabase,
  natsTestIsolation,
  TEST_NATS_URL,
  TestDatabase,
  waitFor,
} from '@compliance/testing';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { z } from 'zod';

import { eventConsumer } from '../bus/dispatch';
import { claimMessage } from '../inbox/inbox';
import { NatsMessageBus } from '../nats/nats-message-bus';
import { createMessagingTables } from './messaging-tables';
import { OutboxRelay } from './outbox-relay';
import { addToOutbox } from './outbox-writer';

const SCHEMA = 'outbox_test';

class CreateOutboxTestSchema1733200000000 implements MigrationInterface {
  name = 'CreateOutboxTestSchema1733200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE ${SCHEMA}.notes (id uuid PRIMARY KEY, body text NOT NULL)`);
    await runner.query(`CREATE TABLE ${SCHEMA}.tallies (note_id uuid PRIMARY KEY, seen int)`);
    await createMessagingTables(runner, SCHEMA);
  }

  async down(): Promise<void> {}
}

const migrations: MigrationSet = {
  schema: SCHEMA,
  migrations: [CreateOutboxTestSchema1733200000000],
};

const noteAdded = defineEvent({
  subject: `compliance.events.test.outbox-${randomUUID()}`,
  version: 1,
  payload: z.object({ noteId: z.uuid() }).strict(),
});

describe('OutboxRelay', () => {
  const isolation = natsTestIsolation();
  let database: TestDatabase;
  let dataSource: DataSource;
  let bus: NatsMessageBus;

  beforeAll(async () => {
    database = await createTestDatabase();
    const endpoint = { kind: 'url' as const, url: database.url };
    await runMigrations(endpoint, [migrations]);
    dataSource = await openDataSource({
      endpoint,
      entities: [],
      poolSize: 4,
      applicationName: 'outbox-test',
    });
    bus = await NatsMessageBus.connect({ url: TEST_NATS_URL, name: 'outbox-test', ...isolation });
  });

  afterAll(async () => {
    await bus.drain(1000);
    await dataSource.destroy();
    await database.drop();

    const connection = await connect({ servers: TEST_NATS_URL });
    await (await jetstreamManager(connection)).streams.delete(isolation.stream);
    await connection.close();
  });

  /** A note and its event, committed together, as a service would write them. */
  async function addNote(rollback = false): Promise<string> {
    const noteId = randomUUID();

    await dataSource
      .transaction(async (manager) => {
        await manager.query(`INSERT INTO ${SCHEMA}.notes VALUES ($1, 'hello')`, [noteId]);
        await addToOutbox(manager, SCHEMA, noteAdded, { noteId }, buildAuthContext());
        if (rollback) {
          throw new Error('rolled back on purpose');
        }
      })
      .catch((error: Error) => {
        if (!rollback) throw error;
      });

    return noteId;
  }

  it('should publish committed events once, survive a dead relay, skip rolled back', async () => {
    const handled: string[] = [];
    await bus.consume(
      noteAdded.subject,
      { durableName: `tally-${randomUUID()}` },
      eventConsumer(noteAdded, async (payload, context) => {
        const { noteId } = payload as { noteId: string };

        // The consumer's work and its inbox mark commit together: a redelivery is a no-op.
        await dataSource.transaction(async (manager) => {
          if (await claimMessage(manager, SCHEMA, 'tally', context.messageId!)) {
            await manager.query(`INSERT INTO ${SCHEMA}.tallies VALUES ($1, 1)`, [noteId]);
            handled.push(noteId);
          }
        });
      }),
    );

    // Written while no relay runs: as if the process died between commit and publish.
    const early = await addNote();
    const discarded = await addNote(true);

    const relay = new OutboxRelay(dataSource, SCHEMA, bus, 100);
    relay.start();
    const late = await addNote();
    relay.nudge();

    await waitFor(() => handled.length === 2);

    // A second relay over the same table finds nothing left to send.
    const second = new OutboxRelay(dataSource, SCHEMA, bus, 100);
    expect(await second.publishPending()).toBe(0);
    await relay.stop();

    expect(handled.sort()).toEqual([early, late].sort());
    expect(handled).not.toContain(discarded);

    const [{ pending }] = await dataSource.query(
      `SELECT count(*)::int AS pending FROM ${SCHEMA}.outbox WHERE published_at IS NULL`,
    );
    expect(pending).toBe(0);
  });

  it('should keep an event whose publish failed and send it on a later pass', async () => {
    const noteId = await addNote();
    await bus.drain(100);

    // The broker connection is gone: the pass fails and the row stays pending.
    const failing = new OutboxRelay(dataSource, SCHEMA, bus, 100);
    expect(await failing.publishPending()).toBe(0);

    const [row] = await dataSource.query(
      `SELECT attempts, published_at FROM ${SCHEMA}.outbox
       WHERE envelope->'payload'->>'noteId' = $1`,
      [noteId],
    );
    expect(row).toMatchObject({ attempts: 1, published_at: null });

    bus = await NatsMessageBus.connect({ url: TEST_NATS_URL, name: 'outbox-test', ...isolation });
    const recovered = new OutboxRelay(dataSource, SCHEMA, bus, 100);
    expect(await recovered.publishPending()).toBe(1);
  });

  it('should prune week-old published events and month-old inbox marks, no newer', async () => {
    await dataSource.query(`DELETE FROM ${SCHEMA}.outbox`);
    await dataSource.query(
      `INSERT INTO ${SCHEMA}.outbox (subject, envelope, created_at, published_at) VALUES
        ('old', '{}', now() - interval '9 days', now() - interval '8 days'),
        ('recent', '{}', now() - interval '2 days', now() - interval '2 days'),
        ('unsent', '{}', now() - interval '20 days', NULL)`,
    );
    await dataSource.query(
      `INSERT INTO ${SCHEMA}.inbox (consumer, message_id, handled_at) VALUES
        ('tally', 'ancient', now() - interval '31 days'), ('tally', 'fresh', now())`,
    );

    const pruned = await new OutboxRelay(dataSource, SCHEMA, bus, 100).prune();

    const subjects = await dataSource.query(`SELECT subject FROM ${SCHEMA}.outbox ORDER BY 1`);
    expect(pruned.outbox).toBe(1);
    expect(subjects.map((row: { subject: string }) => row.subject)).toEqual(['recent', 'unsent']);
    expect(pruned.inbox).toBe(1);
  });
});
