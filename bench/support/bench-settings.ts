import { availableParallelism } from 'node:os';

export interface BenchSettings {
  postgresUrl: string;
  natsUrl: string;
  warmupSeconds: number;
  durationSeconds: number;
  connections: number;
}

/**
 * The only place the benchmarks read the environment. The defaults are the loopback
 * servers of the development machines and a run short enough to repeat while tuning.
 */
export function benchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  return {
    postgresUrl: env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    natsUrl: env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222',
    warmupSeconds: positive(env, 'BENCH_WARMUP', 3),
    durationSeconds: positive(env, 'BENCH_DURATION', 10),
    connections: positive(env, 'BENCH_CONNECTIONS', 20),
  };
}

export function machineSummary(): string {
  const platform = `${process.platform}/${process.arch}`;
  return `${availableParallelism()} cores, node ${process.version}, ${platform}`;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];

  if (raw === undefined || raw === '') {
    return fallback;
  }

  const value = Number(raw);

  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }

  return value;
}
