import { evaluationRequestSchema, ValidationResult } from '@compliance/contracts';
import {
  compilePolicy,
  evaluatePolicies,
  PolicyDocument,
  validatePolicy,
} from '@compliance/policy-engine';
import { CORE_SCHEMA, load } from 'js-yaml';
import { z } from 'zod';

const expectationSchema = z
  .object({
    decision: z.enum(['allow', 'warn', 'deny']),
    ruleId: z.string().nullable().optional(),
  })
  .strict();

const casesFileSchema = z
  .object({
    now: z.iso.datetime({ offset: true }).optional(),
    cases: z
      .array(evaluationRequestSchema.extend({ name: z.string().min(1), expect: expectationSchema }))
      .min(1),
  })
  .strict();

export interface CaseResult {
  name: string;
  passed: boolean;
  expected: z.infer<typeof expectationSchema>;
  actual: { decision: string; ruleId: string | null; reason: string };
}

export type PolicyTestOutcome =
  { kind: 'invalid-policy'; validation: ValidationResult } | { kind: 'ran'; results: CaseResult[] };

export class FixtureError extends Error {}

/**
 * Evaluates each case of a cases file against a policy with the engine enforcement uses,
 * at the file's `now` (so expiring exceptions and retention ages give the same answer in
 * every CI run), and compares with the decision the case expects.
 */
export function runPolicyTests(policySource: string, casesSource: string): PolicyTestOutcome {
  const parsed = validatePolicy(policySource);

  if (!parsed.valid) {
    const { valid, errors, warnings } = parsed;
    return { kind: 'invalid-policy', validation: { valid, errors, warnings } };
  }

  const fixture = readCases(casesSource);
  const policy = compilePolicy(parsed.document as PolicyDocument);
  const now = fixture.now ? new Date(fixture.now) : new Date();

  const results = fixture.cases.map(({ name, expect, ...request }) => {
    const decision = evaluatePolicies([policy], request, now);
    const passed =
      decision.decision === expect.decision &&
      (expect.ruleId === undefined || expect.ruleId === decision.ruleId);

    return {
      name,
      passed,
      expected: expect,
      actual: { decision: decision.decision, ruleId: decision.ruleId, reason: decision.reason },
    };
  });

  return { kind: 'ran', results };
}

function readCases(source: string): z.infer<typeof casesFileSchema> {
  let raw: unknown;

  try {
    // Dates stay strings, as they arrive in a request body.
    raw = load(source, { schema: CORE_SCHEMA });
  } catch (error) {
    throw new FixtureError(`cases.yaml is not YAML: ${(error as Error).message}`);
  }

  const cases = casesFileSchema.safeParse(raw);

  if (!cases.success) {
    const issue = cases.error.issues[0];
    throw new FixtureError(`cases.yaml at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return cases.data;
}
