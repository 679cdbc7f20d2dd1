import { issueApiKey } from '../gateway/issue-api-key';
import { startPlatform } from '../gateway/start-platform';
import { benchSettings } from '../support/bench-settings';
import { CleanupStack } from '../support/cleanup-stack';
import { LoadResult, LoadTarget, measureLoad, warmUp } from '../support/load-test';
import { probeTarget } from '../support/probe-target';
import { SAMPLE_POLICY } from './policy-fixtures';

export interface GatewayDecisions {
  label: string;
  decision: string;
  result: LoadResult;
}

/** An allow writes nothing; a deny is audited, so it pays a write per decision. */
const DECISIONS = [
  { label: 'allow', toRegion: 'eu-central-1' },
  { label: 'deny, audited', toRegion: 'us-east-1' },
];

/**
 * Decisions per second through `POST /api/compliance/policies/evaluate/`: gateway, NATS
 * and a policy service in processes of their own, on a throwaway database and stream,
 * with the bench policy applied for a company of its own.
 */
export async function measureGatewayDecisions(): Promise<GatewayDecisions[]> {
  const settings = benchSettings();
  const cleanup = new CleanupStack();
  const removeSignalHandlers = cleanup.cleanUpOnSignals();

  try {
    progress('starting policy-service and gateway');
    const platform = await startPlatform(settings, cleanup);
    const apiKey = await issueApiKey(platform.databaseUrl);
    const headers = { 'x-api-key': apiKey, 'content-type': 'application/json' };

    await applyBenchPolicy(platform.gatewayUrl, headers);

    const measured: GatewayDecisions[] = [];

    for (const { label, toRegion } of DECISIONS) {
      const target: LoadTarget = {
        url: `${platform.gatewayUrl}/api/compliance/policies/evaluate/`,
        method: 'POST',
        headers,
        body: JSON.stringify({
          action: 'data.transfer',
          resource: { entity: 'contact', id: 'c-1' },
          context: { fromRegion: 'eu-west-1', toRegion },
        }),
      };
      const decision = await decide(target);

      await probeTarget(label, target);
      progress(`measuring gateway decisions (${label})`);
      await warmUp(target, settings);
      measured.push({ label, decision, result: await measureLoad(target, settings) });
    }

    return measured;
  } finally {
    progress('cleaning up');
    const failures = await cleanup.runAll();
    removeSignalHandlers();

    for (const failure of failures) {
      console.error(`cleanup failed: ${failure}`);
    }
  }
}

async function applyBenchPolicy(gatewayUrl: string, headers: Record<string, string>) {
  const created = await call(`${gatewayUrl}/api/compliance/policies/`, headers, {
    name: 'bench decisions',
    document: SAMPLE_POLICY,
  });

  await call(`${gatewayUrl}/api/compliance/policies/${String(created.id)}/apply/`, headers, {});
}

/** The decision a target gets, so the report says what was measured. */
async function decide(target: LoadTarget): Promise<string> {
  const answer = await call(target.url, target.headers, JSON.parse(target.body ?? '{}'));
  return String(answer.decision);
}

async function call(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });

  if (!response.ok) {
    throw new Error(`POST ${url} answered HTTP ${response.status}: ${await response.text()}`);
  }

  return (await response.json()) as Record<string, unknown>;
}

/** Progress goes to stderr, so stdout holds the report alone. */
function progress(message: string): void {
  console.error(`… ${message}`);
}
