import { Scope } from '@compliance/contracts';

export interface NewApiKey {
  companyId: string;
  name: string;
  scopes: string[];
  createdBy: string;
}

/** The answer to `create`: the only time the plaintext key is ever available. */
export interface CreatedApiKey {
  id: string;
  key: string;
  prefix: string;
  companyId: string;
  name: string;
  scopes: Scope[];
  createdAt: Date;
}

/** What may be shown about a key after its creation: never its hash, never the key. */
export interface ApiKeySummary {
  id: string;
  prefix: string;
  companyId: string;
  name: string;
  scopes: Scope[];
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The one operation authentication needs, so it can be tested without a database. */
export interface ApiKeyVerification {
  verify(key: string): Promise<ApiKeySummary | null>;
}
