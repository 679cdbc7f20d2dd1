import { SAMPLE_POLICY } from './gateway-routes';

/**
 * One stored policy, so the list route reads and maps a row as it would for a real
 * tenant, instead of returning an empty page.
 */
export async function seedPolicy(gatewayUrl: string, apiKey: string): Promise<void> {
  const response = await fetch(`${gatewayUrl}/api/compliance/policies`, {
    method: 'POST',
    headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench baseline', document: SAMPLE_POLICY }),
    signal: AbortSignal.timeout(10_000),
  });

  if (response.status !== 201) {
    throw new Error(`seeding a policy answered HTTP ${response.status}: ${await response.text()}`);
  }
}
