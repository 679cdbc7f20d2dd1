export const POLICY_ACTIONS = [
  'data.transfer',
  'record.retain',
  'field.store',
  'access.retain',
  'dsr.extend',
] as const;

export type PolicyAction = (typeof POLICY_ACTIONS)[number];

/** An action on a resource in a context: "may this contact move to us-east-1?" */
export interface EvaluationRequest {
  action: PolicyAction;
  resource: { entity: string; id?: string; attributes?: Record<string, unknown> };
  context?: {
    fromRegion?: string;
    toRegion?: string;
    field?: string;
    encrypted?: boolean;
    lastActiveAt?: string;
    extensionDays?: number;
  };
}

export interface PolicyDecision {
  decision: 'allow' | 'warn' | 'deny';
  ruleId: string | null;
  reason: string;
  exceptionId?: string;
  policy?: string;
}
