import { PolicyDetail, PolicySummary } from '@compliance/contracts';

import { PolicyEntity } from './policy.entity';

export function toPolicySummary(policy: PolicyEntity): PolicySummary {
  return {
    id: policy.id,
    name: policy.name,
    description: policy.description,
    status: policy.status,
    currentVersion: policy.currentVersion,
    createdAt: policy.createdAt.toISOString(),
    updatedAt: policy.updatedAt.toISOString(),
  };
}

export function toPolicyDetail(policy: PolicyEntity, document: string): PolicyDetail {
  return { ...toPolicySummary(policy), document };
}
