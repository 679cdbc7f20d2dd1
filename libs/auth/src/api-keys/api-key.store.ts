import { isScope, ServiceError } from '@compliance/contracts';
import { DataSource } from 'typeorm';

import { apiKeyMatches, apiKeyPrefix, generateApiKey } from './api-key-format';
import {
  ApiKeyLookupRow,
  ApiKeyRow,
  FIND_API_KEY_BY_PREFIX,
  INSERT_API_KEY,
  LIST_API_KEYS,
  REVOKE_API_KEY,
  TOUCH_API_KEY,
} from './api-key.queries';
import { ApiKeySummary, ApiKeyVerification, CreatedApiKey, NewApiKey } from './api-key.types';
import { parseNewApiKey } from './new-api-key.schema';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * API keys of every company. Only a SHA-256 of each key is stored; the plaintext exists
 * in the answer to `create` and nowhere else.
 */
export class ApiKeyStore implements ApiKeyVerification {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: NewApiKey): Promise<CreatedApiKey> {
    const request = parseNewApiKey(input);
    const generated = generateApiKey();

    const [row] = await this.rows<ApiKeyRow>(INSERT_API_KEY, [
      request.companyId,
      request.name,
      generated.prefix,
      generated.hash,
      request.scopes,
      request.createdBy,
    ]);
    const summary = toSummary(row);

    return {
      id: summary.id,
      key: generated.key,
      prefix: summary.prefix,
      companyId: summary.companyId,
      name: summary.name,
      scopes: summary.scopes,
      createdAt: summary.createdAt,
    };
  }

  /** The key's record when it is genuine and not revoked; null for anything else. */
  async verify(key: string): Promise<ApiKeySummary | null> {
    const prefix = apiKeyPrefix(key);

    if (!prefix) {
      return null;
    }

    const [row] = await this.rows<ApiKeyLookupRow>(FIND_API_KEY_BY_PREFIX, [prefix]);

    if (!row || !apiKeyMatches(key, row.key_hash) || row.revoked_at) {
      return null;
    }

    // A write per request would turn every read into a write; a minute is precise enough
    // to tell which keys are still in use.
    if (row.stale) {
      await this.rows(TOUCH_API_KEY, [row.id]);
    }

    return toSummary(row);
  }

  async list(companyId: string): Promise<ApiKeySummary[]> {
    if (!UUID_PATTERN.test(companyId)) {
      return [];
    }

    const rows = await this.rows<ApiKeyRow>(LIST_API_KEYS, [companyId]);

    return rows.map(toSummary);
  }

  /** Another company's key answers exactly like a key that does not exist. */
  async revoke(companyId: string, id: string): Promise<ApiKeySummary> {
    if (!UUID_PATTERN.test(companyId) || !UUID_PATTERN.test(id)) {
      throw ServiceError.notFound('API key');
    }

    const [row] = await this.rows<ApiKeyRow>(REVOKE_API_KEY, [id, companyId]);

    if (!row) {
      throw ServiceError.notFound('API key');
    }

    return toSummary(row);
  }

  /** Rows of any statement: TypeORM's plain `query` wraps an UPDATE's rows in a tuple. */
  private async rows<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    const runner = this.dataSource.createQueryRunner();

    try {
      const result = await runner.query(sql, parameters, true);
      return result.records as T[];
    } finally {
      await runner.release();
    }
  }
}

function toSummary(row: ApiKeyRow): ApiKeySummary {
  return {
    id: row.id,
    prefix: row.prefix,
    companyId: row.company_id,
    name: row.name,
    // A scope retired since the key was made grants nothing.
    scopes: row.scopes.filter(isScope),
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
