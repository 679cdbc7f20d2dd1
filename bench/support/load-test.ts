import autocannon from 'autocannon';

export interface LoadTarget {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  completed: number;
  /** Responses outside 2xx, by status code. */
  rejected: Record<string, number>;
  /** Connection errors and timeouts: requests that got no response at all. */
  failed: number;
}

/** Load whose numbers are thrown away: JIT, connection pools and caches settle first. */
export async function warmUp(target: LoadTarget, options: LoadOptions): Promise<void> {
  await autocannon({
    ...target,
    connections: options.connections,
    duration: options.warmupSeconds,
  });
}

/** The measured run, on connections of its own. */
export async function measureLoad(target: LoadTarget, options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    ...target,
    connections: options.connections,
    duration: options.durationSeconds,
  });

  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    completed: result.requests.total,
    rejected: rejectedByStatus(result.statusCodeStats),
    failed: result.errors + result.timeouts,
  };
}

function rejectedByStatus(stats: Record<string, { count: number }>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(stats)
      .filter(([status]) => !status.startsWith('2'))
      .map(([status, { count }]) => [status, count]),
  );
}
