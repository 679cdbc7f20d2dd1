import { runAccessReviewBench } from './access-review/access-review.bench';
import { runCryptoBench } from './crypto/crypto.bench';
import { runDsrBench } from './dsr/dsr.bench';
import { runGatewayBench } from './gateway/gateway.bench';
import { runPolicyBench } from './policy/policy.bench';
import { runRetentionBench } from './retention/retention.bench';

export interface Benchmark {
  description: string;
  /** Resolves false when the run completed but its numbers cannot be trusted. */
  run(): Promise<boolean>;
}

/** Every benchmark `npm run bench -- <name>` can run, by name. */
export const BENCHMARKS: Record<string, Benchmark> = {
  'access-review': {
    description: 'stale-access detection over 100,000 users and 1,000,000 activity events',
    run: runAccessReviewBench,
  },
  crypto: {
    description: 'field encryption and blind index vs raw node:crypto; cold key; 1M rewraps',
    run: runCryptoBench,
  },
  dsr: {
    description:
      'blind-index vs plain lookup in 1M contacts; 10,000-record erasure; 1M-record export RSS',
    run: runDsrBench,
  },
  gateway: {
    description: 'authenticated req/s and latency through gateway → NATS → policy-service',
    run: runGatewayBench,
  },
  policy: {
    description: 'policy decisions/s in process and 1,000-rule validation time',
    run: runPolicyBench,
  },
  retention: {
    description: 'purge 1M expired rows batched vs one raw DELETE, with a concurrent writer’s p99',
    run: runRetentionBench,
  },
};
