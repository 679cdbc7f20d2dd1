import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

export interface ThrowawayDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database per run, so a benchmark never reads or leaves rows anywhere else. */
export async function createThrowawayDatabase(adminUrl: string): Promise<ThrowawayDatabase> {
  const name = `bench_${randomBytes(6).toString('hex')}`;

  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;

  return {
    name,
    url: url.toString(),
    // FORCE: a child killed mid-query may leave a backend the server has not reaped yet.
    drop: () =>
      withClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ),
  };
}

async function withClient(url: string, work: (client: Client) => Promise<unknown>) {
  const client = new Client({ connectionString: url });

  await client.connect();

  try {
    await work(client);
  } finally {
    await client.end();
  }
}
