import { ImpactReport } from '@compliance/contracts';

/** What the retention policies one set of compliance policies makes would act on. */
export interface RetentionOutcome {
  /** Record keys per item key: `<entity>` for the entity, `<entity>:<ruleId>` per rule. */
  acted: ReadonlyMap<string, ReadonlySet<string>>;
  /** `<entity>:<ruleId>` of the rules applying the set would leave out. */
  unmapped: readonly string[];
}

export const UNMAPPED_SUFFIX = ':unmapped';

/**
 * One item per key either set names, entity by entity: the entity's total first, then its
 * rules. A record two rules would both act on counts once in the total, as a run removes
 * it once. A rule left out counts 0 on both sides, under `<entity>:<ruleId>:unmapped`.
 */
export function retentionImpactItems(
  current: RetentionOutcome,
  candidate: RetentionOutcome,
): ImpactReport['items'] {
  const unmapped = new Set(
    [...current.unmapped, ...candidate.unmapped].map((key) => `${key}${UNMAPPED_SUFFIX}`),
  );
  const keys = new Set([...current.acted.keys(), ...candidate.acted.keys(), ...unmapped]);

  return [...keys].sort(byEntityThenRule).map((key) => ({
    key,
    current: current.acted.get(key)?.size ?? 0,
    candidate: candidate.acted.get(key)?.size ?? 0,
  }));
}

function byEntityThenRule(a: string, b: string): number {
  const [entityA, ruleA] = split(a);
  const [entityB, ruleB] = split(b);

  return compare(entityA, entityB) || compare(ruleA, ruleB);
}

function split(key: string): [string, string] {
  const colon = key.indexOf(':');

  return colon < 0 ? [key, ''] : [key.slice(0, colon), key.slice(colon + 1)];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
