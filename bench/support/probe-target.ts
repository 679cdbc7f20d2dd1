import { LoadTarget } from './load-test';

/**
 * One request before the load: a route that answers 401 or 503 would otherwise be
 * measured at full speed and look excellent.
 */
export async function probeTarget(label: string, target: LoadTarget): Promise<void> {
  const response = await fetch(target.url, {
    method: target.method,
    headers: target.headers,
    body: target.body,
    signal: AbortSignal.timeout(10_000),
  });

  if (response.status < 200 || response.status > 299) {
    const body = (await response.text()).slice(0, 500);
    throw new Error(`${label} answered HTTP ${response.status} before the load: ${body}`);
  }
}
