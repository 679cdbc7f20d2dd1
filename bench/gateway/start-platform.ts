import { resolve } from 'node:path';

import { BenchSettings } from '../support/bench-settings';
import { ChildService } from '../support/child-service';
import { CleanupStack } from '../support/cleanup-stack';
import { freePorts } from '../support/free-port';
import { createThrowawayDatabase } from '../support/throwaway-database';
import { deleteStream, natsIsolation } from '../support/throwaway-stream';
import { waitUntilReady } from '../support/wait-until-ready';

/** This file runs from dist/bench/gateway; the built apps sit beside dist/bench. */
const DIST = resolve(__dirname, '..', '..');

export interface RunningPlatform {
  gatewayUrl: string;
  databaseUrl: string;
  gateway: ChildService;
  policyService: ChildService;
}

/**
 * The distributed deployment in miniature: a throwaway database, a stream of its own,
 * and the gateway and the policy service as separate processes. Everything it creates
 * is registered on `cleanup` before the next step can fail.
 */
export async function startPlatform(
  settings: BenchSettings,
  cleanup: CleanupStack,
): Promise<RunningPlatform> {
  const database = await createThrowawayDatabase(settings.postgresUrl);
  cleanup.defer(`drop database ${database.name}`, () => database.drop());

  const nats = natsIsolation();
  cleanup.defer(`delete stream ${nats.stream}`, () => deleteStream(settings.natsUrl, nats.stream));

  const [gatewayPort, healthPort] = await freePorts(2);
  // Nothing inherited: a developer's own AUTH_* or DATABASE_* must not change what is measured.
  const shared = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    NATS_URL: settings.natsUrl,
    NATS_SUBJECT_PREFIX: nats.subjectPrefix,
    NATS_STREAM: nats.stream,
    // The limiter is per minute; a benchmark sends more than a tenant ever should.
    RATE_LIMIT_PER_MINUTE: '100000000',
  };

  // The service first: the gateway's readiness does not wait for it, and the first
  // request through NATS would find no responder.
  const policyService = ChildService.start(
    'policy-service',
    resolve(DIST, 'apps/policy-service/src/main.js'),
    { ...shared, HEALTH_PORT: String(healthPort) },
  );
  cleanup.defer('stop policy-service', () => policyService.stop());
  await waitUntilReady(policyService, `http://127.0.0.1:${healthPort}/health/ready`);

  const gateway = ChildService.start('gateway', resolve(DIST, 'apps/gateway/src/main.js'), {
    ...shared,
    PORT: String(gatewayPort),
  });
  cleanup.defer('stop gateway', () => gateway.stop());

  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  await waitUntilReady(gateway, `${gatewayUrl}/health/ready`);

  return { gatewayUrl, databaseUrl: database.url, gateway, policyService };
}
