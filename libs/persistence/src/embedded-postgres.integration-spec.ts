import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Pool } from 'pg';

import { pgConnectionOptions } from './database-endpoint';
import { EmbeddedDatabase, openEmbeddedDatabase } from './embedded-postgres';

describe('openEmbeddedDatabase', () => {
  let dataDir: string;
  let database: EmbeddedDatabase;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pglite-'));
    database = await openEmbeddedDatabase(dataDir);
  });

  afterEach(async () => {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should keep concurrent transactions apart on the single PGlite connection', async () => {
    const pool = new Pool({ ...pgConnectionOptions(database.endpoint), max: 10 });
    await pool.query('CREATE TABLE items (id int primary key)');

    // 50 transactions from 10 connections at once; every odd one rolls back.
    await Promise.all(
      Array.from({ length: 50 }, async (_unused, index) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('INSERT INTO items VALUES ($1)', [index * 2]);
          await client.query('INSERT INTO items VALUES ($1)', [index * 2 + 1]);
          await client.query(index % 2 === 0 ? 'COMMIT' : 'ROLLBACK');
        } finally {
          client.release();
        }
      }),
    );

    const { rows } = await pool.query('SELECT count(*)::int AS count FROM items');
    await pool.end();

    // 25 committed transactions of two rows each.
    expect(rows[0].count).toBe(50);
  });

  it('should keep each connection’s statements apart outside transactions too', async () => {
    const pool = new Pool({ ...pgConnectionOptions(database.endpoint), max: 10 });

    // Parameterised queries use the extended protocol (Parse, Bind, Execute, Sync): another
    // connection's Parse in between must not replace the statement a Bind is meant for.
    const answers = await Promise.all(
      Array.from({ length: 300 }, async (_unused, index) => {
        // Each statement differs, so a Bind landing on another's statement shows.
        const factor = (index % 5) + 1;
        const { rows } = await pool.query(`SELECT $1::int * ${factor} AS n`, [index]);
        return rows[0].n as number;
      }),
    );
    await pool.end();

    expect(answers).toEqual(
      Array.from({ length: 300 }, (_unused, index) => index * ((index % 5) + 1)),
    );
  });

  it('should keep data across a restart and let a second opener join the running one', async () => {
    const pool = new Pool(pgConnectionOptions(database.endpoint));
    await pool.query('CREATE TABLE notes (body text)');
    await pool.query("INSERT INTO notes VALUES ('kept')");
    await pool.end();

    const joined = await openEmbeddedDatabase(dataDir);
    expect(joined.owned).toBe(false);
    await joined.close();

    await database.close();
    database = await openEmbeddedDatabase(dataDir);
    expect(database.owned).toBe(true);

    const reopened = new Pool(pgConnectionOptions(database.endpoint));
    const { rows } = await reopened.query('SELECT body FROM notes');
    await reopened.end();

    expect(rows).toEqual([{ body: 'kept' }]);
  });
});
