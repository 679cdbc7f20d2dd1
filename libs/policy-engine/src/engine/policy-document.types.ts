/** The shape of a valid document, as the JSON Schema defines it. */
export type Enforcement = 'soft' | 'hard';

export interface Condition {
  field: string;
  operator: 'eq' | 'ne' | 'in' | 'notIn' | 'lt' | 'lte' | 'gt' | 'gte' | 'exists' | 'notExists';
  value?: string | number | boolean | null | (string | number | boolean)[];
}

/** Where one data category goes instead of the residency section's own regions. */
export interface CategoryResidency {
  primaryRegion: string;
  /** None unless listed: the category does not inherit the section's replication. */
  replicationRegions?: string[];
  storagePrefix?: string;
}

export interface PolicyDocument {
  apiVersion: 'compliance.crm/v1';
  kind: 'CompliancePolicy';
  metadata: { name: string; description?: string; frameworks?: string[] };
  spec: {
    enforcement?: Enforcement;
    retention?: {
      enforcement?: Enforcement;
      rules?: {
        id?: string;
        entity: string;
        period: string;
        dateField: string;
        method: 'soft' | 'hard' | 'archive';
        /** The column a soft rule sets to the time of deletion; required for `soft`. */
        softDeleteField?: string;
        enforcement?: Enforcement;
        conditions?: Condition[];
      }[];
      legalHolds?: { entity: string; minimumPeriod: string; reason: string }[];
    };
    residency?: {
      enforcement?: Enforcement;
      primaryRegion: string;
      replicationRegions?: string[];
      storagePrefixes?: Record<string, string>;
      blockCrossRegionTransfers?: boolean;
      categories?: Record<string, CategoryResidency>;
    };
    encryption?: {
      enforcement?: Enforcement;
      fields?: { id?: string; entity: string; fields: string[]; enforcement?: Enforcement }[];
    };
    accessReview?: {
      enforcement?: Enforcement;
      cadence?: 'monthly' | 'quarterly' | 'semiannual' | 'annual';
      inactivityDays?: number;
      reviewers?: string[];
      autoRevoke?: boolean;
    };
    dsr?: {
      enforcement?: Enforcement;
      deadlineDays?: number;
      extension?: { allowed?: boolean; maxDays?: number; requiresReason?: boolean };
      identityVerificationRequired?: boolean;
    };
    exceptions?: {
      id: string;
      rule: string;
      resource?: { entity: string; id?: string };
      conditions?: Condition[];
      reason: string;
      approvedBy: string;
      expiresAt: string;
    }[];
  };
}
