import { CompiledResidency } from '../engine/compiled-policy';

export interface Placement {
  region: string;
  /** Where under the region's storage the data goes, e.g. an S3 bucket prefix. */
  prefix: string | null;
}

/**
 * Where a company's data of a category must be stored. A category the residency section
 * places apart goes to its own primary region, under its own prefix or else that region's;
 * every other category goes to the section's primary region, under that region's prefix.
 */
export function resolvePlacement(residency: CompiledResidency, category: string): Placement {
  const own = residency.categories?.get(category);

  if (own) {
    return {
      region: own.primaryRegion,
      prefix: own.storagePrefix ?? residency.storagePrefixes[own.primaryRegion] ?? null,
    };
  }

  return {
    region: residency.primaryRegion,
    prefix: residency.storagePrefixes[residency.primaryRegion] ?? null,
  };
}
