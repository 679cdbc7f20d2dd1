import { ResidencyConfig } from '@compliance/contracts';
import { compileCategoryResidency, CompiledPolicy } from '@compliance/policy-engine';

import { ResidencyConfigEntity } from './residency-config.entity';

export function toResidencyConfig(entity: ResidencyConfigEntity): ResidencyConfig {
  return {
    id: entity.id,
    primaryRegion: entity.primaryRegion,
    replicationRegions: entity.replicationRegions,
    storagePrefixes: entity.storagePrefixes,
    frameworks: entity.frameworks,
    enforcement: entity.enforcement,
    blockCrossRegionTransfers: entity.blockCrossRegionTransfers,
    categories: entity.categories ?? {},
    source: entity.source,
    policyId: entity.policyId,
    policyVersion: entity.policyVersion,
    updatedAt: entity.updatedAt.toISOString(),
  };
}

/** The configuration as a one-section policy, so transfers go through the one evaluator. */
export function residencyAsPolicy(entity: ResidencyConfigEntity): CompiledPolicy {
  return {
    name: 'data-residency',
    frameworks: entity.frameworks,
    enforcement: entity.enforcement,
    retention: new Map(),
    encryption: new Map(),
    exceptions: new Map(),
    residency: {
      enforcement: entity.enforcement,
      primaryRegion: entity.primaryRegion,
      replicationRegions: entity.replicationRegions,
      allowedRegions: new Set([entity.primaryRegion, ...entity.replicationRegions]),
      storagePrefixes: entity.storagePrefixes,
      blockCrossRegionTransfers: entity.blockCrossRegionTransfers,
      categories: compileCategoryResidency(entity.categories ?? {}),
    },
  };
}
