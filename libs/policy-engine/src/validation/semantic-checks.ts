import { approximateDays, parseDuration } from '../durations/iso-duration';
import {
  ACCESS_REVIEW_RULE_ID,
  DSR_RULE_ID,
  encryptionRuleId,
  RESIDENCY_RULE_ID,
  retentionRuleIds,
} from '../engine/rule-ids';
import { didYouMean } from './did-you-mean';
import { IssueInput } from './issue';

export interface SemanticFindings {
  errors: IssueInput[];
  warnings: IssueInput[];
}

type Loose = Record<string, unknown>;

/**
 * Checks what a schema cannot: rules that contradict each other or the law they cite.
 * It runs on documents that may still break the schema, so it trusts no shape.
 */
export function semanticChecks(document: unknown, now: Date): SemanticFindings {
  const findings: SemanticFindings = { errors: [], warnings: [] };
  const spec = asObject(asObject(document).spec);
  const frameworks = asArray(asObject(asObject(document).metadata).frameworks);

  const ruleIds = checkRetention(asObject(spec.retention), findings);
  checkResidency(asObject(spec.residency), findings);
  ruleIds.push(...checkEncryption(asObject(spec.encryption), findings));
  checkDsr(asObject(spec.dsr), frameworks, findings);

  if (spec.residency) ruleIds.push(RESIDENCY_RULE_ID);
  if (spec.accessReview) ruleIds.push(ACCESS_REVIEW_RULE_ID);
  if (spec.dsr) ruleIds.push(DSR_RULE_ID);
  checkExceptions(asArray(spec.exceptions), ruleIds, now, findings);

  if (frameworks.length === 0 && Object.keys(asObject(document)).length > 0) {
    findings.warnings.push({
      path: 'metadata.frameworks',
      message: 'no framework is named, so reports cannot say which duty this policy meets',
      expected: 'GDPR, CCPA, SOC2 or HIPAA',
    });
  }

  return findings;
}

function checkRetention(retention: Loose, findings: SemanticFindings): string[] {
  const rules = asArray(retention.rules).map(asObject);
  const ids = retentionRuleIds(rules);
  const seenIds = new Map<string, number>();
  const firstByScope = new Map<string, number>();
  const holds = asArray(retention.legalHolds).map(asObject);

  rules.forEach((rule, index) => {
    const path = `spec.retention.rules[${index}]`;
    const period = typeof rule.period === 'string' ? parseDuration(rule.period) : null;

    if (seenIds.has(ids[index])) {
      findings.errors.push({
        path: `${path}.id`,
        message: `rule id "${ids[index]}" is used twice`,
        expected: 'a unique id',
        found: `also at spec.retention.rules[${seenIds.get(ids[index])}]`,
      });
    }
    seenIds.set(ids[index], index);

    if (period && approximateDays(period) === 0) {
      findings.errors.push({
        path: `${path}.period`,
        message: 'a retention period of zero would delete records as they are created',
        expected: 'a period longer than zero',
        found: String(rule.period),
      });
    }

    // Same entity and same conditions: both rules would judge the very same records.
    const scope = `${String(rule.entity)}|${JSON.stringify(rule.conditions ?? [])}`;
    const first = firstByScope.get(scope);

    if (first === undefined) {
      firstByScope.set(scope, index);
    } else if (disagree(rules[first], rule)) {
      findings.errors.push({
        path,
        message:
          `conflicts with spec.retention.rules[${first}]: ` +
          'same entity and conditions, different retention',
        expected: 'one rule per entity and conditions, or conditions that tell them apart',
        found: `${describeRule(rules[first])} and ${describeRule(rule)}`,
      });
    } else {
      findings.warnings.push({ path, message: `repeats spec.retention.rules[${first}]` });
    }

    holds.forEach((hold, holdIndex) => {
      const minimum =
        typeof hold.minimumPeriod === 'string' ? parseDuration(hold.minimumPeriod) : null;

      if (
        hold.entity === rule.entity &&
        period &&
        minimum &&
        approximateDays(period) < approximateDays(minimum)
      ) {
        findings.errors.push({
          path: `${path}.period`,
          message:
            'retention period is shorter than the legal hold at ' +
            `spec.retention.legalHolds[${holdIndex}]`,
          expected: `at least ${String(hold.minimumPeriod)}`,
          found: String(rule.period),
        });
      }
    });
  });

  return ids;
}

function disagree(a: Loose, b: Loose): boolean {
  return a.period !== b.period || a.method !== b.method || a.dateField !== b.dateField;
}

function describeRule(rule: Loose): string {
  return `${String(rule.period)} ${String(rule.method)} on ${String(rule.dateField)}`;
}

function checkResidency(residency: Loose, findings: SemanticFindings): void {
  const primary = residency.primaryRegion;
  const replication = asArray(residency.replicationRegions);

  replication.forEach((region, index) => {
    if (region === primary) {
      findings.errors.push({
        path: `spec.residency.replicationRegions[${index}]`,
        message:
          'replication to the primary region: data cannot be replicated to where it already is',
        expected: 'a region other than the primary region',
        found: String(region),
      });
    }
  });

  // A region only a category is placed in still needs its prefix.
  const categories = Object.values(asObject(residency.categories)).map(asObject);
  const allowed = new Set([
    primary,
    ...replication,
    ...categories.flatMap((placement) => [
      placement.primaryRegion,
      ...asArray(placement.replicationRegions),
    ]),
  ]);

  for (const region of Object.keys(asObject(residency.storagePrefixes))) {
    if (!allowed.has(region)) {
      findings.warnings.push({
        path: `spec.residency.storagePrefixes.${region}`,
        message: 'a storage prefix for a region data may not be stored in; it is never used',
        atKey: true,
      });
    }
  }

  if (typeof primary === 'string' && !asObject(residency.storagePrefixes)[primary]) {
    findings.warnings.push({
      path: 'spec.residency',
      message: 'no storage prefix for the primary region; services will use their default location',
    });
  }

  checkCategoryResidency(residency, findings);
}

/** The same checks for each category placed apart, which has regions of its own. */
function checkCategoryResidency(residency: Loose, findings: SemanticFindings): void {
  const sectionPrefixes = asObject(residency.storagePrefixes);

  for (const [category, value] of Object.entries(asObject(residency.categories))) {
    const placement = asObject(value);
    const path = `spec.residency.categories.${category}`;
    const primary = placement.primaryRegion;

    asArray(placement.replicationRegions).forEach((region, index) => {
      if (region === primary) {
        findings.errors.push({
          path: `${path}.replicationRegions[${index}]`,
          message:
            `replication of ${category} data to its own primary region: ` +
            'it cannot be replicated to where it already is',
          expected: 'a region other than the primary region of the category',
          found: String(region),
        });
      }
    });

    if (typeof primary === 'string' && !placement.storagePrefix && !sectionPrefixes[primary]) {
      findings.warnings.push({
        path,
        message:
          `no storage prefix for ${category} data, nor for ${primary} in storagePrefixes; ` +
          'services will use their default location',
      });
    }
  }
}

function checkEncryption(encryption: Loose, findings: SemanticFindings): string[] {
  const groups = asArray(encryption.fields).map(asObject);
  const seen = new Map<string, string>();

  groups.forEach((group, index) => {
    asArray(group.fields).forEach((field, fieldIndex) => {
      const key = `${String(group.entity)}.${String(field)}`;
      const path = `spec.encryption.fields[${index}].fields[${fieldIndex}]`;

      if (seen.has(key)) {
        findings.warnings.push({ path, message: `${key} is already required at ${seen.get(key)}` });
      }
      seen.set(key, path);
    });
  });

  return groups.map(encryptionRuleId);
}

function checkDsr(dsr: Loose, frameworks: unknown[], findings: SemanticFindings): void {
  const deadline = dsr.deadlineDays;

  // GDPR art. 12(3): one month; CCPA §1798.130: 45 days.
  const limit = frameworks.includes('GDPR') ? 30 : frameworks.includes('CCPA') ? 45 : null;

  if (typeof deadline === 'number' && limit !== null && deadline > limit) {
    findings.warnings.push({
      path: 'spec.dsr.deadlineDays',
      message: `longer than the ${limit} days the named framework allows`,
      expected: `at most ${limit}`,
      found: String(deadline),
    });
  }
}

function checkExceptions(
  exceptions: unknown[],
  ruleIds: string[],
  now: Date,
  findings: SemanticFindings,
): void {
  exceptions.map(asObject).forEach((exception, index) => {
    const path = `spec.exceptions[${index}]`;

    if (typeof exception.rule === 'string' && !ruleIds.includes(exception.rule)) {
      findings.errors.push({
        path: `${path}.rule`,
        message: `the exception names rule "${exception.rule}", which this policy does not have`,
        expected: ruleIds.length > 0 ? `one of: ${ruleIds.join(', ')}` : 'a rule of this policy',
        found: exception.rule,
        suggestion: didYouMean(exception.rule, ruleIds),
      });
    }

    const expiry = typeof exception.expiresAt === 'string' ? Date.parse(exception.expiresAt) : NaN;

    if (!Number.isNaN(expiry) && expiry <= now.getTime()) {
      findings.warnings.push({
        path: `${path}.expiresAt`,
        message: 'the exception has expired and no longer applies',
        found: String(exception.expiresAt),
      });
    }

    if (exception.resource === undefined && exception.conditions === undefined) {
      findings.warnings.push({
        path,
        message: 'the exception names no resource and no conditions: it suspends the whole rule',
      });
    }
  });
}

function asObject(value: unknown): Loose {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Loose)
    : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
