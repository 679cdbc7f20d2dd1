import { z } from 'zod';

import { defineRequest } from '../core/contract';
import { pageQuerySchema, pageSchema } from '../core/page';
import { residencyCategoriesSchema } from './residency-categories.contract';

const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'a region code such as eu-west-1');

export const residencyConfigInputSchema = z
  .object({
    primaryRegion: region,
    replicationRegions: z.array(region).max(20).default([]),
    storagePrefixes: z.record(z.string(), z.string().min(1).max(500)).default({}),
    frameworks: z.array(z.enum(['GDPR', 'CCPA', 'SOC2', 'HIPAA'])).default([]),
    enforcement: z.enum(['soft', 'hard']).default('hard'),
    blockCrossRegionTransfers: z.boolean().default(true),
    /** Absent, the stored placements stay; `{}` removes them. */
    categories: residencyCategoriesSchema.optional(),
  })
  .strict();

export const residencyConfigSchema = residencyConfigInputSchema.extend({
  id: z.uuid(),
  categories: residencyCategoriesSchema,
  source: z.enum(['manual', 'policy']),
  policyId: z.uuid().nullable(),
  policyVersion: z.number().int().nullable(),
  updatedAt: z.string(),
});

export type ResidencyCategories = z.infer<typeof residencyCategoriesSchema>;
export type ResidencyConfigInput = z.infer<typeof residencyConfigInputSchema>;
export type ResidencyConfig = z.infer<typeof residencyConfigSchema>;

export const getResidency = defineRequest({
  subject: 'compliance.policy.residency.get',
  version: 1,
  request: z.object({ id: z.uuid() }).strict(),
  response: residencyConfigSchema,
});

export const saveResidency = defineRequest({
  subject: 'compliance.policy.residency.save',
  version: 1,
  request: residencyConfigInputSchema,
  response: residencyConfigSchema,
});

export const updateResidency = defineRequest({
  subject: 'compliance.policy.residency.update',
  version: 1,
  request: residencyConfigInputSchema.partial().extend({ id: z.uuid() }).strict(),
  response: residencyConfigSchema,
});

export const deleteResidency = defineRequest({
  subject: 'compliance.policy.residency.delete',
  version: 1,
  request: z.object({ id: z.uuid() }).strict(),
  response: z.object({ id: z.uuid(), deleted: z.literal(true) }),
});

export const checkTransfer = defineRequest({
  subject: 'compliance.policy.residency.check-transfer',
  version: 1,
  request: z
    .object({
      category: z.string().min(1).max(100),
      fromRegion: region,
      toRegion: region,
      resourceId: z.string().max(200).optional(),
    })
    .strict(),
  response: z.object({
    allowed: z.boolean(),
    decision: z.enum(['allow', 'warn', 'deny']),
    ruleId: z.string().nullable(),
    reason: z.string(),
  }),
});

export const resolveResidencyPlacement = defineRequest({
  subject: 'compliance.policy.residency.placement',
  version: 1,
  request: z.object({ category: z.string().min(1).max(100) }).strict(),
  response: z.object({ region: z.string(), prefix: z.string().nullable() }),
});

/** Every residency configuration of the company. */
export const listDataResidency = defineRequest({
  subject: 'compliance.policy.residency.list',
  version: 1,
  request: pageQuerySchema,
  response: pageSchema(z.record(z.string(), z.unknown())),
});
