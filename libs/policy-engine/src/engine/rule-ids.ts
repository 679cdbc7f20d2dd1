/**
 * Every rule has an id, so a decision and an exception can name it. A rule without an
 * explicit `id` is named after its section and entity: `retention.contact`, or
 * `retention.contact.2` for the second rule on contacts.
 */
export function retentionRuleIds(rules: readonly { id?: unknown; entity?: unknown }[]): string[] {
  const perEntity = new Map<string, number>();
  const totals = new Map<string, number>();

  for (const rule of rules) {
    const entity = String(rule.entity);
    totals.set(entity, (totals.get(entity) ?? 0) + 1);
  }

  return rules.map((rule) => {
    if (typeof rule.id === 'string') {
      return rule.id;
    }

    const entity = String(rule.entity);
    const ordinal = (perEntity.get(entity) ?? 0) + 1;
    perEntity.set(entity, ordinal);
    return (totals.get(entity) ?? 0) > 1 ? `retention.${entity}.${ordinal}` : `retention.${entity}`;
  });
}

export function encryptionRuleId(group: { id?: unknown; entity?: unknown }): string {
  return typeof group.id === 'string' ? group.id : `encryption.${String(group.entity)}`;
}

export const RESIDENCY_RULE_ID = 'residency';
export const ACCESS_REVIEW_RULE_ID = 'access-review';
export const DSR_RULE_ID = 'dsr';
