import { z } from 'zod';

import { PII_CATEGORIES } from './pii-categories';

/**
 * The categories of personal data a configuration may place apart, and the regions it may
 * place them in. The policy engine's schema takes its lists from here, so a policy's
 * `residency.categories` and a configuration saved by hand accept the same placements.
 */
export const RESIDENCY_CATEGORIES = PII_CATEGORIES;

export const RESIDENCY_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'me-central-1',
  'af-south-1',
] as const;

const knownRegion = z
  .string()
  .max(30)
  .refine((code) => (RESIDENCY_REGIONS as readonly string[]).includes(code), {
    message: 'not a region a policy may name, such as eu-west-1',
  });

/** Where one category goes instead of the configuration's own regions. */
const categoryPlacementSchema = z
  .object({
    primaryRegion: knownRegion,
    /** None unless listed: the category does not inherit the configuration's replication. */
    replicationRegions: z.array(knownRegion).max(RESIDENCY_REGIONS.length).optional(),
    storagePrefix: z.string().min(1).max(500).optional(),
  })
  .strict()
  .superRefine((placement, context) => {
    placement.replicationRegions?.forEach((code, index, all) => {
      if (code === placement.primaryRegion) {
        context.addIssue({
          code: 'custom',
          path: ['replicationRegions', index],
          message: 'must not be the primary region of the category',
        });
      } else if (all.indexOf(code) !== index) {
        context.addIssue({
          code: 'custom',
          path: ['replicationRegions', index],
          message: 'already listed',
        });
      }
    });
  });

/** Per data category, a placement of its own; at most one per known category. */
export const residencyCategoriesSchema = z
  .record(z.string().max(100), categoryPlacementSchema)
  .superRefine((categories, context) => {
    for (const category of Object.keys(categories)) {
      if (!(RESIDENCY_CATEGORIES as readonly string[]).includes(category)) {
        context.addIssue({
          code: 'custom',
          path: [category],
          message: `unknown data category "${category}"`,
        });
      }
    }
  });
