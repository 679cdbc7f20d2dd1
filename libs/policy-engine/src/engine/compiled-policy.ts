import { IsoDuration, parseDuration } from '../durations/iso-duration';
import { compileCategoryResidency } from '../residency/category-residency';
import { Condition, Enforcement, PolicyDocument } from './policy-document.types';
import {
  ACCESS_REVIEW_RULE_ID,
  encryptionRuleId,
  RESIDENCY_RULE_ID,
  retentionRuleIds,
} from './rule-ids';

export interface CompiledRetentionRule {
  ruleId: string;
  entity: string;
  period: IsoDuration;
  periodText: string;
  dateField: string;
  method: 'soft' | 'hard' | 'archive';
  enforcement: Enforcement;
  conditions: Condition[];
}

export interface CompiledException {
  id: string;
  ruleId: string;
  entity?: string;
  resourceId?: string;
  conditions: Condition[];
  expiresAtMs: number;
  reason: string;
}

/** A data category's own placement; enforcement and blocking follow the section's. */
export interface CompiledCategoryResidency {
  primaryRegion: string;
  replicationRegions: string[];
  allowedRegions: ReadonlySet<string>;
  storagePrefix: string | null;
}

export interface CompiledResidency {
  enforcement: Enforcement;
  primaryRegion: string;
  replicationRegions: string[];
  allowedRegions: ReadonlySet<string>;
  storagePrefixes: Record<string, string>;
  blockCrossRegionTransfers: boolean;
  /** Categories placed apart from the rest; a category not here follows the section. */
  categories?: ReadonlyMap<string, CompiledCategoryResidency>;
}

/** A valid document turned into lookup tables, so a decision is a few map reads. */
export interface CompiledPolicy {
  name: string;
  frameworks: string[];
  enforcement: Enforcement;
  retention: ReadonlyMap<string, CompiledRetentionRule[]>;
  residency?: CompiledResidency;
  encryption: ReadonlyMap<
    string,
    ReadonlyMap<string, { ruleId: string; enforcement: Enforcement }>
  >;
  accessReview?: {
    ruleId: string;
    enforcement: Enforcement;
    cadence: string;
    inactivityDays: number;
    reviewers: string[];
    autoRevoke: boolean;
  };
  dsr?: {
    enforcement: Enforcement;
    deadlineDays: number;
    extension: { allowed: boolean; maxDays: number; requiresReason: boolean };
    identityVerificationRequired: boolean;
  };
  exceptions: ReadonlyMap<string, CompiledException[]>;
}

/** Compiles a document that passed validation; it does not check it again. */
export function compilePolicy(document: PolicyDocument): CompiledPolicy {
  const spec = document.spec;
  const base = spec.enforcement ?? 'hard';

  return {
    name: document.metadata.name,
    frameworks: document.metadata.frameworks ?? [],
    enforcement: base,
    retention: compileRetention(spec.retention, base),
    residency: spec.residency && {
      enforcement: spec.residency.enforcement ?? base,
      primaryRegion: spec.residency.primaryRegion,
      replicationRegions: spec.residency.replicationRegions ?? [],
      allowedRegions: new Set([
        spec.residency.primaryRegion,
        ...(spec.residency.replicationRegions ?? []),
      ]),
      storagePrefixes: spec.residency.storagePrefixes ?? {},
      blockCrossRegionTransfers: spec.residency.blockCrossRegionTransfers ?? true,
      categories: compileCategoryResidency(spec.residency.categories ?? {}),
    },
    encryption: compileEncryption(spec.encryption, base),
    accessReview: spec.accessReview && {
      ruleId: ACCESS_REVIEW_RULE_ID,
      enforcement: spec.accessReview.enforcement ?? base,
      cadence: spec.accessReview.cadence ?? 'quarterly',
      inactivityDays: spec.accessReview.inactivityDays ?? 90,
      reviewers: spec.accessReview.reviewers ?? [],
      autoRevoke: spec.accessReview.autoRevoke ?? false,
    },
    dsr: spec.dsr && {
      enforcement: spec.dsr.enforcement ?? base,
      deadlineDays: spec.dsr.deadlineDays ?? 30,
      extension: {
        allowed: spec.dsr.extension?.allowed ?? false,
        maxDays: spec.dsr.extension?.maxDays ?? 0,
        requiresReason: spec.dsr.extension?.requiresReason ?? true,
      },
      identityVerificationRequired: spec.dsr.identityVerificationRequired ?? true,
    },
    exceptions: compileExceptions(spec.exceptions ?? []),
  };
}

function compileRetention(
  retention: PolicyDocument['spec']['retention'],
  base: Enforcement,
): Map<string, CompiledRetentionRule[]> {
  const rules = retention?.rules ?? [];
  const ids = retentionRuleIds(rules);
  const byEntity = new Map<string, CompiledRetentionRule[]>();

  rules.forEach((rule, index) => {
    const compiled: CompiledRetentionRule = {
      ruleId: ids[index],
      entity: rule.entity,
      period: parseDuration(rule.period) ?? {
        years: 0,
        months: 0,
        weeks: 0,
        days: 0,
        hours: 0,
        minutes: 0,
        seconds: 0,
      },
      periodText: rule.period,
      dateField: rule.dateField,
      method: rule.method,
      enforcement: rule.enforcement ?? retention?.enforcement ?? base,
      conditions: rule.conditions ?? [],
    };
    byEntity.set(rule.entity, [...(byEntity.get(rule.entity) ?? []), compiled]);
  });

  return byEntity;
}

function compileEncryption(
  encryption: PolicyDocument['spec']['encryption'],
  base: Enforcement,
): Map<string, Map<string, { ruleId: string; enforcement: Enforcement }>> {
  const byEntity = new Map<string, Map<string, { ruleId: string; enforcement: Enforcement }>>();

  for (const group of encryption?.fields ?? []) {
    const fields =
      byEntity.get(group.entity) ?? new Map<string, { ruleId: string; enforcement: Enforcement }>();
    const rule = {
      ruleId: encryptionRuleId(group),
      enforcement: group.enforcement ?? encryption?.enforcement ?? base,
    };

    for (const field of group.fields) {
      fields.set(field, rule);
    }
    byEntity.set(group.entity, fields);
  }

  return byEntity;
}

function compileExceptions(
  exceptions: NonNullable<PolicyDocument['spec']['exceptions']>,
): Map<string, CompiledException[]> {
  const byRule = new Map<string, CompiledException[]>();

  for (const exception of exceptions) {
    const compiled: CompiledException = {
      id: exception.id,
      ruleId: exception.rule,
      entity: exception.resource?.entity,
      resourceId: exception.resource?.id,
      conditions: exception.conditions ?? [],
      expiresAtMs: Date.parse(exception.expiresAt),
      reason: exception.reason,
    };
    byRule.set(exception.rule, [...(byRule.get(exception.rule) ?? []), compiled]);
  }

  return byRule;
}

export { RESIDENCY_RULE_ID };
