import { SecretSummary } from '@compliance/contracts';

export interface SecretRow {
  id: string;
  company_id: string;
  name: string;
  description: string;
  owner_service: string;
  tags: string[];
  allowed_services: string[];
  current_version: number;
  rotation_source: 'generated' | 'supplied' | 'external';
  generator_length: number;
  generator_alphabet: string;
  rotation_interval_days: number | null;
  next_rotation_at: Date | null;
  expires_at: Date | null;
  overlap_hours: number;
  rotation_requested_at: Date | null;
  has_notify_email: boolean;
  created_at: Date;
  updated_at: Date;
}

/** What list and detail answer: never a value, not even a ciphertext. */
export function toSecretSummary(row: SecretRow): SecretSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    ownerService: row.owner_service,
    tags: row.tags,
    allowedServices: row.allowed_services,
    currentVersion: row.current_version,
    rotationSource: row.rotation_source,
    generator: { length: row.generator_length, alphabet: row.generator_alphabet },
    rotationIntervalDays: row.rotation_interval_days,
    nextRotationAt: iso(row.next_rotation_at),
    expiresAt: iso(row.expires_at),
    overlapHours: row.overlap_hours,
    rotationRequestedAt: iso(row.rotation_requested_at),
    hasNotifyEmail: row.has_notify_email,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}
