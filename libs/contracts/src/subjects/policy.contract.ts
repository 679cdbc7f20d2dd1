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
