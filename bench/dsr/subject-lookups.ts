import { PostgresConnector, SubjectIdentifier } from '@compliance/connector';

import { seededEmail, seededExternalId } from './seed-dsr-subjects';

export interface LookupSummary {
  name: string;
  lookups: number;
  perSecond: number;
  p50: number;
  p99: number;
  missed: number;
}

/**
 * Finds random seeded contacts one after another through the connector's `locate`, the
 * path a DSR task takes, so both ways pay the same SQL, pool and JSON costs; only the
 * identifier differs. A lookup that does not find exactly one contact counts as missed.
 */
export async function timeLookups(
  name: string,
  connector: PostgresConnector,
  companyId: string,
  contacts: number,
  lookups: number,
  identifierOf: (n: number) => SubjectIdentifier,
): Promise<LookupSummary> {
  const latencies = new Float64Array(lookups);
  let missed = 0;
  const began = performance.now();

  for (let i = 0; i < lookups; i += 1) {
    const n = Math.floor(Math.random() * contacts);
    const started = performance.now();
    const found = await connector.locate({ companyId, identifiers: [identifierOf(n)] });
    latencies[i] = performance.now() - started;
    missed += found.contact?.length === 1 ? 0 : 1;
  }

  const seconds = (performance.now() - began) / 1000;
  latencies.sort();

  return {
    name,
    lookups,
    perSecond: lookups / seconds,
    p50: latencies[Math.floor(lookups * 0.5)],
    p99: latencies[Math.floor(lookups * 0.99)],
    missed,
  };
}

export const byBlindIndex = (n: number): SubjectIdentifier => ({
  kind: 'email',
  value: seededEmail(n),
});

export const byPlainColumn = (n: number): SubjectIdentifier => ({
  kind: 'external_id',
  value: seededExternalId(n),
});
