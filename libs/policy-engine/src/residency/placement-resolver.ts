import { CompiledResidency } from '../engine/compiled-policy';

export interface Placement {
  region: string;
  /** Where under the region's storage the data goes, e.g. an S3 bucket prefix. */
  prefix: string | null;
}

/**
 * Where a company's data of a category must be stored: its primary region, under that
 * region's prefix. Categories share one place today; the argument keeps callers ready for
 * per-category placement without a change of signature.
 */
export function resolvePlacement(residency: CompiledResidency, category: string): Placement {
  // TODO(per-category residency): the policy format has no per-category regions yet.
  void category;
  return {
    region: residency.primaryRegion,
    prefix: residency.storagePrefixes[residency.primaryRegion] ?? null,
  };
}
