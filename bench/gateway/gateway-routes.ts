import { LoadTarget } from '../support/load-test';

export type RoutePath = 'direct' | 'nats';

export interface BenchRoute {
  label: string;
  path: RoutePath;
  target: LoadTarget;
}

/** Small and valid, so validation itself costs little and the answer is a 200. */
export const SAMPLE_POLICY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: bench-baseline
  frameworks: [GDPR]
spec:
  enforcement: hard
  retention: {}
`;

/**
 * The baseline answered by the gateway alone, then two routes through NATS to the policy
 * service. Every one authenticates the same key, so the difference is the hop and the work
 * behind it.
 */
export function gatewayRoutes(gatewayUrl: string, apiKey: string): BenchRoute[] {
  const auth = { 'x-api-key': apiKey };

  return [
    {
      label: 'GET whoami (gateway only)',
      path: 'direct',
      target: { url: `${gatewayUrl}/api/compliance/whoami`, method: 'GET', headers: auth },
    },
    {
      label: 'GET policies?limit=1 (NATS, read)',
      path: 'nats',
      target: {
        url: `${gatewayUrl}/api/compliance/policies?limit=1`,
        method: 'GET',
        headers: auth,
      },
    },
    {
      label: 'POST policies/validate (NATS, audit write)',
      path: 'nats',
      target: {
        url: `${gatewayUrl}/api/compliance/policies/validate`,
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/yaml' },
        body: SAMPLE_POLICY,
      },
    },
  ];
}
