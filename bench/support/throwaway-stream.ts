import { randomBytes } from 'node:crypto';

import { JetStreamApiCodes, JetStreamApiError, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

export interface NatsIsolation {
  subjectPrefix: string;
  stream: string;
}

/** Subjects and a stream of this run's own, so it never answers or consumes another's. */
export function natsIsolation(): NatsIsolation {
  const id = randomBytes(6).toString('hex');
  return { subjectPrefix: `bench_${id}`, stream: `BENCH_${id}` };
}

/** Deletes the run's stream; the services create it on connect, so it may not exist yet. */
export async function deleteStream(natsUrl: string, stream: string): Promise<void> {
  const connection = await connect({ servers: natsUrl, name: 'compliance-bench-cleanup' });

  try {
    const manager = await jetstreamManager(connection);
    await manager.streams.delete(stream);
  } catch (error) {
    const missing =
      error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound;

    if (!missing) {
      throw error;
    }
  } finally {
    await connection.close();
  }
}
