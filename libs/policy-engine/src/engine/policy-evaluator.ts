import { subtractDuration } from '../durations/iso-duration';
import { Attributes, matchesAll } from './conditions';
import { CompiledException, CompiledPolicy } from './compiled-policy';
import { EvaluationRequest, PolicyDecision } from './evaluation.types';
import { Enforcement } from './policy-document.types';
import { DSR_RULE_ID, RESIDENCY_RULE_ID } from './rule-ids';

const DAY_MS = 86_400_000;
const SEVERITY = { allow: 0, warn: 1, deny: 2 } as const;
const NO_ATTRIBUTES: Attributes = {};

/**
 * The one evaluator: dry-run, the evaluate endpoint and enforcement in every service call
 * it, so what a dry-run predicts is what enforcement does. Pure: the clock is an argument.
 * With several active policies the strictest decision wins.
 */
export function evaluatePolicies(
  policies: readonly CompiledPolicy[],
  request: EvaluationRequest,
  now: Date,
): PolicyDecision {
  let strictest: PolicyDecision = { decision: 'allow', ruleId: null, reason: 'no rule applies' };

  for (const policy of policies) {
    const decision = evaluatePolicy(policy, request, now);

    if (SEVERITY[decision.decision] > SEVERITY[strictest.decision] || strictest.ruleId === null) {
      strictest = { ...decision, policy: policy.name };
    }
  }

  return strictest;
}

export function evaluatePolicy(
  policy: CompiledPolicy,
  request: EvaluationRequest,
  now: Date,
): PolicyDecision {
  switch (request.action) {
    case 'data.transfer':
      return transfer(policy, request, now);
    case 'record.retain':
      return retain(policy, request, now);
    case 'field.store':
      return storeField(policy, request, now);
    case 'access.retain':
      return keepAccess(policy, request, now);
    case 'dsr.extend':
      return extendDsr(policy, request, now);
  }
}

function transfer(policy: CompiledPolicy, request: EvaluationRequest, now: Date): PolicyDecision {
  const residency = policy.residency;
  const to = request.context?.toRegion;

  if (!residency || !to) {
    return notApplicable();
  }

  // A category placed apart keeps to its own regions, whatever the section allows the rest.
  const allowedRegions =
    residency.categories?.get(request.resource.entity)?.allowedRegions ?? residency.allowedRegions;

  if (allowedRegions.has(to)) {
    return { decision: 'allow', ruleId: RESIDENCY_RULE_ID, reason: `${to} is an allowed region` };
  }

  if (!residency.blockCrossRegionTransfers) {
    return {
      decision: 'allow',
      ruleId: RESIDENCY_RULE_ID,
      reason: 'cross-region transfers are not blocked',
    };
  }

  return violation(
    policy,
    RESIDENCY_RULE_ID,
    residency.enforcement,
    request,
    now,
    `${request.resource.entity} data may not leave ${[...allowedRegions].join(', ')} for ${to}`,
  );
}

function retain(policy: CompiledPolicy, request: EvaluationRequest, now: Date): PolicyDecision {
  const rules = policy.retention.get(request.resource.entity);
  const attributes = request.resource.attributes ?? NO_ATTRIBUTES;

  if (!rules) {
    return notApplicable();
  }

  for (const rule of rules) {
    if (!matchesAll(rule.conditions, attributes)) {
      continue;
    }

    const date = toTime(attributes[rule.dateField]);

    if (date === null) {
      return {
        decision: 'allow',
        ruleId: rule.ruleId,
        reason: `no ${rule.dateField} to age the record by`,
      };
    }

    if (date >= subtractDuration(now, rule.period).getTime()) {
      return { decision: 'allow', ruleId: rule.ruleId, reason: `within ${rule.periodText}` };
    }

    return violation(
      policy,
      rule.ruleId,
      rule.enforcement,
      request,
      now,
      `older than ${rule.periodText} by ${rule.dateField}: ${rule.method} delete due`,
    );
  }

  return notApplicable();
}

function storeField(policy: CompiledPolicy, request: EvaluationRequest, now: Date): PolicyDecision {
  const field = request.context?.field;
  const rule = field ? policy.encryption.get(request.resource.entity)?.get(field) : undefined;

  if (!rule) {
    return notApplicable();
  }

  if (request.context?.encrypted === true) {
    return { decision: 'allow', ruleId: rule.ruleId, reason: `${field} is encrypted` };
  }

  return violation(
    policy,
    rule.ruleId,
    rule.enforcement,
    request,
    now,
    `${request.resource.entity}.${field} must be stored encrypted`,
  );
}

function keepAccess(policy: CompiledPolicy, request: EvaluationRequest, now: Date): PolicyDecision {
  const review = policy.accessReview;

  if (!review) {
    return notApplicable();
  }

  const lastActive = toTime(
    request.context?.lastActiveAt ?? request.resource.attributes?.lastActiveAt,
  );
  const inactiveDays = lastActive === null ? Infinity : (now.getTime() - lastActive) / DAY_MS;

  if (inactiveDays <= review.inactivityDays) {
    return {
      decision: 'allow',
      ruleId: review.ruleId,
      reason: `active within ${review.inactivityDays} days`,
    };
  }

  return violation(
    policy,
    review.ruleId,
    review.enforcement,
    request,
    now,
    `inactive for more than ${review.inactivityDays} days`,
  );
}

function extendDsr(policy: CompiledPolicy, request: EvaluationRequest, now: Date): PolicyDecision {
  const dsr = policy.dsr;

  if (!dsr) {
    return notApplicable();
  }

  const days = request.context?.extensionDays ?? 0;

  if (dsr.extension.allowed && days <= dsr.extension.maxDays) {
    return {
      decision: 'allow',
      ruleId: DSR_RULE_ID,
      reason: `an extension of up to ${dsr.extension.maxDays} days is allowed`,
    };
  }

  return violation(
    policy,
    DSR_RULE_ID,
    dsr.enforcement,
    request,
    now,
    dsr.extension.allowed
      ? `extensions are limited to ${dsr.extension.maxDays} days`
      : 'extensions are not allowed',
  );
}

/** A broken rule: an exception in force allows it, else soft warns and hard denies. */
function violation(
  policy: CompiledPolicy,
  ruleId: string,
  enforcement: Enforcement,
  request: EvaluationRequest,
  now: Date,
  reason: string,
): PolicyDecision {
  const exception = exceptionFor(policy.exceptions.get(ruleId), request, now);

  if (exception) {
    return {
      decision: 'allow',
      ruleId,
      reason: `exception ${exception.id}: ${exception.reason}`,
      exceptionId: exception.id,
    };
  }

  return { decision: enforcement === 'hard' ? 'deny' : 'warn', ruleId, reason };
}

/** Expiry is checked at each decision, so an expired exception stops applying everywhere. */
function exceptionFor(
  exceptions: CompiledException[] | undefined,
  request: EvaluationRequest,
  now: Date,
): CompiledException | undefined {
  if (!exceptions) {
    return undefined;
  }

  const nowMs = now.getTime();

  return exceptions.find(
    (exception) =>
      exception.expiresAtMs > nowMs &&
      (exception.entity === undefined || exception.entity === request.resource.entity) &&
      (exception.resourceId === undefined || exception.resourceId === request.resource.id) &&
      matchesAll(exception.conditions, request.resource.attributes ?? NO_ATTRIBUTES),
  );
}

function notApplicable(): PolicyDecision {
  return { decision: 'allow', ruleId: null, reason: 'no rule applies' };
}

function toTime(value: unknown): number | null {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const time = typeof value === 'number' ? value : Date.parse(value);
  return Number.isNaN(time) ? null : time;
}
