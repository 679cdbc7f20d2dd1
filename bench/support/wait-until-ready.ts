import { ChildService } from './child-service';

const POLL_MS = 200;

/**
 * Polls a readiness URL until it answers 200. Gives up at once when the process has
 * died, and shows what it printed, since a crash is more common than a slow start.
 */
export async function waitUntilReady(
  service: ChildService,
  url: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';

  while (Date.now() < deadline) {
    if (service.exited) {
      const how = service.exitedWith ?? 'exited';
      throw new Error(`${service.name} ended during start-up (${how}):\n${service.logTail()}`);
    }

    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });

      if (response.status === 200) {
        return;
      }

      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }

    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }

  throw new Error(
    `${service.name} not ready after ${timeoutMs} ms (${last}):\n${service.logTail()}`,
  );
}
