import { runGatewayBench } from './gateway/gateway.bench';

export interface Benchmark {
  description: string;
  /** Resolves false when the run completed but its numbers cannot be trusted. */
  run(): Promise<boolean>;
}

/** Every benchmark `npm run bench -- <name>` can run, by name. */
export const BENCHMARKS: Record<string, Benchmark> = {
  gateway: {
    description: 'authenticated req/s and latency through gateway → NATS → policy-service',
    run: runGatewayBench,
  },
};
