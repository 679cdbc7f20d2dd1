import { z } from 'zod';

import { defineEvent, defineRequest } from '../core/contract';
import { pageQuerySchema, pageSchema } from '../core/page';

/** Policy documents are YAML; the limit keeps one request from tying up a service. */
export const POLICY_DOCUMENT_MAX_BYTES = 512 * 1024;

export const validationIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  path: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  expected: z.string().optional(),
  found: z.string().optional(),
  suggestion: z.string().optional(),
});

export const validationResultSchema = z.object({
  valid: z.boolean(),
  errors: z.array(validationIssueSchema),
  warnings: z.array(validationIssueSchema),
});

export type ValidationIssue = z.infer<typeof validationIssueSchema>;
export type ValidationResult = z.infer<typeof validationResultSchema>;

export const validatePolicyDocument = defineRequest({
  subject: 'compliance.policy.documents.validate',
  version: 1,
  request: z.object({ document: z.string().max(POLICY_DOCUMENT_MAX_BYTES) }).strict(),
  response: validationResultSchema,
});

export const policySummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  status: z.enum(['draft', 'active', 'archived']),
  currentVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const policyDetailSchema = policySummarySchema.extend({ document: z.string() });

export type PolicySummary = z.infer<typeof policySummarySchema>;
export type PolicyDetail = z.infer<typeof policyDetailSchema>;

export const createPolicy = defineRequest({
  subject: 'compliance.policy.policies.create',
  version: 1,
  request: z
    .object({
      name: z.string().min(1).max(200),
      description: z.string().max(2000).default(''),
      document: z.string().min(1).max(POLICY_DOCUMENT_MAX_BYTES),
    })
    .strict(),
  response: policyDetailSchema,
});

export const listPolicies = defineRequest({
  subject: 'compliance.policy.policies.list',
  version: 1,
  request: pageQuerySchema,
  response: pageSchema(policySummarySchema),
});

export const getPolicy = defineRequest({
  subject: 'compliance.policy.policies.get',
  version: 1,
  request: z.object({ id: z.uuid() }).strict(),
  response: policyDetailSchema,
});

export const policyCreated = defineEvent({
  subject: 'compliance.events.policy.created',
  version: 1,
  payload: z
    .object({ companyId: z.uuid(), policyId: z.uuid(), name: z.string(), version: z.number() })
    .strict(),
});

const policyId = z.object({ id: z.uuid() }).strict();

export const policyVersionSchema = z.object({
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  active: z.boolean(),
});

export const activePolicyDetailSchema = policyDetailSchema.extend({
  activeVersion: z.number().int().nullable(),
});

export type PolicyVersionView = z.infer<typeof policyVersionSchema>;

export const updatePolicy = defineRequest({
  subject: 'compliance.policy.policies.update',
  version: 1,
  request: z
    .object({
      id: z.uuid(),
      description: z.string().max(2000).optional(),
      document: z.string().min(1).max(POLICY_DOCUMENT_MAX_BYTES).optional(),
    })
    .strict(),
  response: activePolicyDetailSchema,
});

export const archivePolicy = defineRequest({
  subject: 'compliance.policy.policies.archive',
  version: 1,
  request: policyId,
  response: z.object({ id: z.uuid(), status: z.literal('archived') }),
});

export const validateStoredPolicy = defineRequest({
  subject: 'compliance.policy.policies.validate',
  version: 1,
  request: z.object({ id: z.uuid(), version: z.number().int().min(1).optional() }).strict(),
  response: validationResultSchema,
});

export const applyPolicy = defineRequest({
  subject: 'compliance.policy.policies.apply',
  version: 1,
  request: z.object({ id: z.uuid(), version: z.number().int().min(1).optional() }).strict(),
  response: activePolicyDetailSchema,
});

export const rollbackPolicy = defineRequest({
  subject: 'compliance.policy.policies.rollback',
  version: 1,
  request: z.object({ id: z.uuid(), toVersion: z.number().int().min(1) }).strict(),
  response: activePolicyDetailSchema,
});

export const listPolicyVersions = defineRequest({
  subject: 'compliance.policy.versions.list',
  version: 1,
  request: policyId,
  response: z.object({ items: z.array(policyVersionSchema) }),
});

export const policyChangeSchema = z.object({
  path: z.string(),
  op: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

export type PolicyChange = z.infer<typeof policyChangeSchema>;

export const diffPolicyVersions = defineRequest({
  subject: 'compliance.policy.versions.diff',
  version: 1,
  request: z
    .object({ id: z.uuid(), from: z.number().int().min(1), to: z.number().int().min(1) })
    .strict(),
  response: z.object({ from: z.number(), to: z.number(), changes: z.array(policyChangeSchema) }),
});

export const policyActions = [
  'data.transfer',
  'record.retain',
  'field.store',
  'access.retain',
  'dsr.extend',
] as const;

export const evaluationRequestSchema = z
  .object({
    action: z.enum(policyActions),
    resource: z
      .object({
        entity: z.string().min(1).max(100),
        id: z.string().max(200).optional(),
        attributes: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
    context: z
      .object({
        fromRegion: z.string().max(50).optional(),
        toRegion: z.string().max(50).optional(),
        field: z.string().max(100).optional(),
        encrypted: z.boolean().optional(),
        lastActiveAt: z.string().max(40).optional(),
        extensionDays: z.number().int().min(0).max(3650).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const policyDecisionSchema = z.object({
  decision: z.enum(['allow', 'warn', 'deny']),
  ruleId: z.string().nullable(),
  reason: z.string(),
  exceptionId: z.string().optional(),
  policy: z.string().optional(),
});

export type PolicyDecisionView = z.infer<typeof policyDecisionSchema>;

export const evaluatePolicyAction = defineRequest({
  subject: 'compliance.policy.evaluate',
  version: 1,
  request: evaluationRequestSchema,
  response: policyDecisionSchema,
});

/** The documents in force for the caller's company, for a service that starts cold. */
export const getActivePolicies = defineRequest({
  subject: 'compliance.policy.active.get',
  version: 1,
  request: z.object({}).strict(),
  response: z.object({
    policies: z.array(
      z.object({ policyId: z.uuid(), version: z.number().int(), document: z.string() }),
    ),
  }),
});

export const policyApplied = defineEvent({
  subject: 'compliance.events.policy.applied',
  version: 1,
  payload: z
    .object({
      companyId: z.uuid(),
      policyId: z.uuid(),
      version: z.number().int(),
      previousVersion: z.number().int().nullable(),
      reason: z.enum(['apply', 'rollback', 'archive']),
    })
    .strict(),
});

/**
 * Dry-run asks each service that owns data how a candidate policy would change what it
 * does, compared with the policies in force. Each service evaluates with the shared engine.
 * `replacesPolicyId` names the active policy the candidate would replace (absent for a
 * policy never applied): the candidate set is the active documents without that one, plus
 * the candidate. v2: v1 sent bare documents, so a data owner could not tell which to drop.
 */
export const impactRequestSchema = z
  .object({
    candidate: z.string().max(POLICY_DOCUMENT_MAX_BYTES),
    replacesPolicyId: z.uuid().optional(),
    active: z.array(
      z
        .object({ policyId: z.uuid(), document: z.string().max(POLICY_DOCUMENT_MAX_BYTES) })
        .strict(),
    ),
    now: z.string(),
  })
  .strict();

export type ImpactRequest = z.infer<typeof impactRequestSchema>;

export const impactReportSchema = z.object({
  service: z.string(),
  items: z.array(
    z.object({
      key: z.string(),
      current: z.number().int().min(0),
      candidate: z.number().int().min(0),
    }),
  ),
});

export type ImpactReport = z.infer<typeof impactReportSchema>;

function impactOf(domain: string) {
  return defineRequest({
    subject: `compliance.policy.impact.${domain}`,
    version: 2,
    request: impactRequestSchema,
    response: impactReportSchema,
  });
}

export const retentionImpact = impactOf('retention');
export const accessReviewImpact = impactOf('access-review');
export const transferImpact = impactOf('transfers');
export const encryptionImpact = impactOf('encryption');

export const dryRunPolicy = defineRequest({
  subject: 'compliance.policy.policies.dry-run',
  version: 1,
  request: z.object({ id: z.uuid(), version: z.number().int().min(1).optional() }).strict(),
  response: z.object({
    policyId: z.uuid(),
    version: z.number().int(),
    comparedWith: z.array(z.object({ policyId: z.uuid(), version: z.number().int() })),
    changes: z.array(policyChangeSchema),
    impact: z.array(
      z.object({
        area: z.enum(['retention', 'access-review', 'transfers', 'encryption']),
        status: z.enum(['answered', 'no-answer', 'failed']),
        report: impactReportSchema.optional(),
      }),
    ),
    changed: z.literal(false),
  }),
});

/** The policy change log, newest first. */
export const listPolicyLogs = defineRequest({
  subject: 'compliance.policy.logs.list',
  version: 1,
  request: pageQuerySchema,
  response: pageSchema(z.record(z.string(), z.unknown())),
});
