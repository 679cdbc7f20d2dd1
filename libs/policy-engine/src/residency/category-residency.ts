import { CompiledCategoryResidency } from '../engine/compiled-policy';
import { CategoryResidency } from '../engine/policy-document.types';

/**
 * The per-category placements of a residency section as lookup tables. A category lists its
 * own replication regions: one that lists none stays in its primary region alone.
 */
export function compileCategoryResidency(
  categories: Record<string, CategoryResidency>,
): ReadonlyMap<string, CompiledCategoryResidency> {
  return new Map(
    Object.entries(categories).map(([category, placement]) => {
      const replicationRegions = placement.replicationRegions ?? [];

      return [
        category,
        {
          primaryRegion: placement.primaryRegion,
          replicationRegions,
          allowedRegions: new Set([placement.primaryRegion, ...replicationRegions]),
          storagePrefix: placement.storagePrefix ?? null,
        },
      ];
    }),
  );
}
