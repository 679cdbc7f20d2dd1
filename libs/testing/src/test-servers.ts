import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

/**
 * The real servers integration tests talk to. CI and the development machines run them
 * on loopback; the variables let a developer point elsewhere.
 */
export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database per suite, so tests never see each other's rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = uniqueName('compliance_test');
  const admin = new Client({ connectionString: TEST_POSTGRES_URL });

  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;

  return {
    url: url.toString(),
    drop: async () => {
      const cleaner = new Client({ connectionString: TEST_POSTGRES_URL });
      await cleaner.connect();
      await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleaner.end();
    },
  };
}

/** Subjects and stream of their own, so parallel suites on one NATS never cross. */
export function natsTestIsolation(): { subjectPrefix: string; stream: string } {
  const id = uniqueName('t');
  return { subjectPrefix: id, stream: `S_${id}` };
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;

  while (Date.now() < deadline) {
    if (await condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }

  throw new Error(`condition not met within ${timeoutMs} ms`);
}
