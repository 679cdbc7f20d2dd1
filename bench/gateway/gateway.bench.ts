import { BenchSettings, benchSettings, machineSummary } from '../support/bench-settings';
import { CleanupStack } from '../support/cleanup-stack';
import { measureLoad, warmUp } from '../support/load-test';
import { probeTarget } from '../support/probe-target';
import { sampleCpu } from '../support/process-cpu';
import { printGatewayReport, RouteMeasurement } from './gateway-report';
import { gatewayRoutes } from './gateway-routes';
import { issueApiKey } from './issue-api-key';
import { seedPolicy } from './seed-policy';
import { RunningPlatform, startPlatform } from './start-platform';

/**
 * Throughput and latency of authenticated requests through gateway → NATS → policy
 * service, beside a route the gateway answers alone, measured in the same run on the
 * same processes. Routes are loaded one after another so they never share the CPU.
 */
export async function runGatewayBench(): Promise<boolean> {
  const settings = benchSettings();
  const cleanup = new CleanupStack();
  const removeSignalHandlers = cleanup.cleanUpOnSignals();

  try {
    console.log(`machine: ${machineSummary()}`);
    console.log(
      `load: ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ` +
        `${settings.durationSeconds} s measured per route`,
    );

    progress('starting policy-service and gateway');
    const platform = await startPlatform(settings, cleanup);

    const measurements = await measureRoutes(platform, settings);

    console.log('');
    return printGatewayReport(measurements);
  } finally {
    progress('cleaning up');
    const failures = await cleanup.runAll();
    removeSignalHandlers();

    for (const failure of failures) {
      console.error(`cleanup failed: ${failure}`);
    }
  }
}

async function measureRoutes(
  platform: RunningPlatform,
  settings: BenchSettings,
): Promise<RouteMeasurement[]> {
  const apiKey = await issueApiKey(platform.databaseUrl);
  await seedPolicy(platform.gatewayUrl, apiKey);

  const routes = gatewayRoutes(platform.gatewayUrl, apiKey);

  for (const route of routes) {
    await probeTarget(route.label, route.target);
  }

  const measurements: RouteMeasurement[] = [];

  for (const route of routes) {
    progress(`measuring ${route.label}`);
    await warmUp(route.target, settings);

    const stopSampling = sampleCpu({
      gateway: platform.gateway.pid,
      policyService: platform.policyService.pid,
      loader: process.pid,
    });
    const result = await measureLoad(route.target, settings);

    measurements.push({ route, result, cpu: stopSampling() });
    requireAlive(platform);
  }

  return measurements;
}

/** A child that died under load would turn the next route's numbers into errors. */
function requireAlive(platform: RunningPlatform): void {
  for (const service of [platform.gateway, platform.policyService]) {
    if (service.exited) {
      const how = service.exitedWith ?? 'exited';
      throw new Error(`${service.name} ended under load (${how}):\n${service.logTail()}`);
    }
  }
}

/** Progress goes to stderr, so stdout holds the report alone. */
function progress(message: string): void {
  console.error(`… ${message}`);
}
