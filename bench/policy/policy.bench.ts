import {
  compilePolicy,
  evaluatePolicies,
  EvaluationRequest,
  PolicyDocument,
  validatePolicy,
} from '@compliance/policy-engine';
import { load } from 'js-yaml';

import { textTable } from '../support/text-table';
import { GatewayDecisions, measureGatewayDecisions } from './gateway-decisions';
import { largePolicy, SAMPLE_POLICY } from './policy-fixtures';

const DECISIONS = 1_000_000;
const TARGET_DECISIONS_PER_SECOND = 200_000;
const TARGET_VALIDATION_MS = 1000;

/**
 * Policy evaluation in process and validation of a 1,000-rule policy, each beside a
 * baseline measured in the same run (a bare YAML load for validation; a naive linear scan
 * of every rule per decision for evaluation). Then decisions through the gateway, beside
 * the in-process figure of the same run.
 */
export async function runPolicyBench(): Promise<boolean> {
  const policies = [compilePolicy(validatePolicy(SAMPLE_POLICY).document as PolicyDocument)];
  const requests = requestMix();
  const now = new Date();

  const engineRate = rate(DECISIONS, (index) =>
    evaluatePolicies(policies, requests[index % requests.length], now),
  );
  const naiveRules = (load(SAMPLE_POLICY) as PolicyDocument).spec.retention?.rules ?? [];
  const naiveRate = rate(DECISIONS / 4, (index) =>
    naiveRules.find((rule) => rule.entity === requests[index % requests.length].resource.entity),
  );

  const large = largePolicy(1000);
  validatePolicy(large); // warm-up: compiles the schema once, as a running service has
  const validationMs = timeMs(() => validatePolicy(large));
  const loadMs = timeMs(() => load(large));
  const validationResult = validatePolicy(large);
  const gateway = await measureGatewayDecisions();

  process.stdout.write(
    textTable(
      ['measure', 'result', 'baseline (same run)', 'target'],
      [
        [
          'decisions/s in process',
          format(engineRate),
          `${format(naiveRate)} (rule scan only)`,
          format(TARGET_DECISIONS_PER_SECOND),
        ],
        [
          'validate 1,000-rule policy',
          `${validationMs.toFixed(1)} ms`,
          `${loadMs.toFixed(1)} ms (js-yaml load only)`,
          `< ${TARGET_VALIDATION_MS} ms`,
        ],
        ...gateway.map((measured) => gatewayRow(measured, engineRate)),
      ],
    ) + '\n',
  );
  process.stdout.write(
    'gateway: HTTP → gateway → NATS request → policy-service and back, one API key, ' +
      'latency in whole ms as autocannon records it\n',
  );

  const gatewayValid = gateway.every(({ label, result }) => {
    const failures = Object.values(result.rejected).reduce((sum, n) => sum + n, 0);

    if (failures + result.failed > 0) {
      process.stdout.write(`INVALID gateway ${label}: ${failures + result.failed} failed\n`);
    }

    return failures + result.failed === 0;
  });

  return (
    gatewayValid &&
    validationResult.valid &&
    engineRate >= TARGET_DECISIONS_PER_SECOND &&
    validationMs < TARGET_VALIDATION_MS
  );
}

function gatewayRow({ label, decision, result }: GatewayDecisions, inProcess: number): string[] {
  return [
    `decisions/s via gateway (${label})`,
    `${format(result.requestsPerSecond)} (p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms)`,
    `${format(inProcess)} in process (${decision}; ` +
      `${(result.requestsPerSecond / inProcess).toFixed(4)} of it)`,
    'none set',
  ];
}

function requestMix(): EvaluationRequest[] {
  return [
    {
      action: 'data.transfer',
      resource: { entity: 'contact' },
      context: { fromRegion: 'eu-west-1', toRegion: 'us-east-1' },
    },
    {
      action: 'data.transfer',
      resource: { entity: 'deal' },
      context: { toRegion: 'eu-central-1' },
    },
    {
      action: 'record.retain',
      resource: {
        entity: 'contact',
        id: 'c1',
        attributes: { lastActivityAt: '2019-01-01T00:00:00Z' },
      },
    },
    {
      action: 'record.retain',
      resource: { entity: 'lead', attributes: { status: 'lost', createdAt: '2025-01-01' } },
    },
    {
      action: 'field.store',
      resource: { entity: 'contact' },
      context: { field: 'email', encrypted: false },
    },
    {
      action: 'access.retain',
      resource: { entity: 'user', id: 'u1' },
      context: { lastActiveAt: '2025-01-01' },
    },
  ];
}

function rate(count: number, work: (index: number) => unknown): number {
  let sink = 0;
  const started = process.hrtime.bigint();

  for (let index = 0; index < count; index++) {
    if (work(index)) sink++;
  }

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return sink >= 0 ? count / seconds : 0;
}

function timeMs(work: () => unknown): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function format(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
