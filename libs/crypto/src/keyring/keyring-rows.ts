import { KeyPurpose } from '../providers/key-provider';

export interface LocalKeyringRow {
  provider_id: string;
  kdf: 'hkdf-sha256' | 'pbkdf2-sha256' | 'generated';
  kdf_iterations: number | null;
  salt: Buffer;
  check_value: Buffer | null;
  generated_key: Buffer | null;
}

export interface KeySetRow {
  id: string;
  company_id: string;
  subject_id: string | null;
  purpose: KeyPurpose;
  min_version: number;
  destroyed_at: Date | null;
}

export interface DataKeyCompanyRow {
  company_id: string;
  company_key_sets: number;
  subject_key_sets: number;
}

export interface DataKeyRow {
  id: string;
  key_set_id: string;
  company_id: string;
  subject_id: string | null;
  purpose: KeyPurpose;
  version: number;
  kek_provider: string;
  kek_version: number;
  wrapped_key: Buffer;
  /** bigint arrives as text. */
  encryption_count: string;
}

export interface DataKeyVersionRow {
  version: number;
  kek_provider: string;
  kek_version: number;
  encryption_count: string;
  created_at: Date;
  retired_at: Date | null;
}
