import { LoadResult } from '../support/load-test';
import { CpuShares } from '../support/process-cpu';
import { textTable } from '../support/text-table';
import { BenchRoute } from './gateway-routes';

export interface RouteMeasurement {
  route: BenchRoute;
  result: LoadResult;
  cpu: CpuShares;
}

/** The NATS read route must keep at least this share of the direct route's throughput. */
export const TARGET_RATIO = 0.5;

/**
 * Prints the table and the verdict. Returns false when any response was not a 2xx or
 * never came: those numbers measure a failure path, not the route.
 */
export function printGatewayReport(measurements: RouteMeasurement[]): boolean {
  const rows = measurements.map(({ route, result, cpu }) => [
    route.label,
    result.requestsPerSecond.toFixed(0),
    result.p50Ms.toFixed(0),
    result.p99Ms.toFixed(0),
    String(sum(result.rejected) + result.failed),
    percent(cpu.gateway),
    percent(cpu.policyService),
    percent(cpu.loader),
  ]);

  console.log(
    textTable(
      ['route', 'req/s', 'p50 ms', 'p99 ms', 'errors/non-2xx', 'gw cpu', 'svc cpu', 'load cpu'],
      rows,
    ),
  );
  console.log('latency: whole milliseconds, as autocannon records them');
  console.log('cpu: share of one core during the measured run; PostgreSQL and NATS not shown');

  const valid = reportFailures(measurements);
  const direct = measurements.find(({ route }) => route.path === 'direct');
  const [read, ...others] = measurements.filter(({ route }) => route.path === 'nats');

  if (direct && read) {
    const ratio = read.result.requestsPerSecond / direct.result.requestsPerSecond;
    const verdict = ratio >= TARGET_RATIO ? 'met' : 'NOT met';

    console.log(
      `ratio nats/direct = ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO.toFixed(2)}: ${verdict})`,
    );

    for (const other of others) {
      const share = other.result.requestsPerSecond / direct.result.requestsPerSecond;
      console.log(`  ${other.route.label}: ${share.toFixed(2)} of direct (not held to the target)`);
    }
  }

  return valid;
}

function reportFailures(measurements: RouteMeasurement[]): boolean {
  let valid = true;

  for (const { route, result } of measurements) {
    const statuses = Object.entries(result.rejected).map(([status, n]) => `${n}× HTTP ${status}`);
    const failures = result.failed ? [...statuses, `${result.failed} errors/timeouts`] : statuses;

    if (failures.length > 0) {
      valid = false;
      console.log(`INVALID ${route.label}: ${failures.join(', ')} of ${result.completed} requests`);
    }
  }

  return valid;
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, n) => total + n, 0);
}

function percent(share: number | undefined): string {
  return share === undefined ? 'n/a' : `${share.toFixed(0)}%`;
}
