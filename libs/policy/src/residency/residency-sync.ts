import { AuthContext } from '@compliance/contracts';
import { PolicyDocument } from '@compliance/policy-engine';
import { EntityManager } from 'typeorm';

import { ResidencyConfigEntity } from './residency-config.entity';

/** Keeps the company's residency configuration in step with the policy just applied. */
export async function syncResidencyFromPolicy(
  manager: EntityManager,
  document: PolicyDocument,
  policy: { id: string; version: number },
  auth: AuthContext,
): Promise<void> {
  const residency = document.spec.residency;

  if (!residency) {
    return;
  }

  const existing = await manager.findOneBy(ResidencyConfigEntity, { companyId: auth.companyId });
  await manager.save(
    manager.create(ResidencyConfigEntity, {
      ...(existing ?? {}),
      companyId: auth.companyId,
      primaryRegion: residency.primaryRegion,
      replicationRegions: residency.replicationRegions ?? [],
      storagePrefixes: residency.storagePrefixes ?? {},
      frameworks: (document.metadata.frameworks ?? []) as ResidencyConfigEntity['frameworks'],
      enforcement: residency.enforcement ?? document.spec.enforcement ?? 'hard',
      blockCrossRegionTransfers: residency.blockCrossRegionTransfers ?? true,
      categories: residency.categories ?? {},
      source: 'policy',
      policyId: policy.id,
      policyVersion: policy.version,
    }),
  );
}
