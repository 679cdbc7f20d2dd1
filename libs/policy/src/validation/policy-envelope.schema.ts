import { z } from 'zod';

/**
 * The outer shape every policy document must have. The sections inside `spec` are
 * checked by their own rules as the policy engine grows; here they must be mappings.
 */
export const FRAMEWORKS = ['GDPR', 'CCPA', 'SOC2', 'HIPAA'] as const;

const section = z.record(z.string(), z.unknown());

export const policyEnvelopeSchema = z
  .object({
    apiVersion: z.literal('compliance.crm/v1'),
    kind: z.literal('CompliancePolicy'),
    metadata: z
      .object({
        name: z
          .string()
          .min(1)
          .max(200)
          .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 'lowercase letters, digits and dashes'),
        description: z.string().max(2000).optional(),
        frameworks: z.array(z.enum(FRAMEWORKS)).min(1).optional(),
      })
      .strict(),
    spec: z
      .object({
        enforcement: z.enum(['soft', 'hard']).optional(),
        retention: section.optional(),
        residency: section.optional(),
        encryption: section.optional(),
        accessReview: section.optional(),
        dsr: section.optional(),
        exceptions: z.array(z.unknown()).optional(),
      })
      .strict(),
  })
  .strict();
