import { dataSourceToken } from '@compliance/platform';
import {
  compilePolicy,
  CompiledPolicy,
  PolicyDocument,
  validatePolicy,
} from '@compliance/policy-engine';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { POLICY_LIFECYCLE_QUERIES } from '../lifecycle/policy-lifecycle.queries';

export interface ActiveDocument {
  policyId: string;
  version: number;
  document: string;
}

interface ActiveRow {
  policy_id: string;
  version: number;
  document: string;
}

/**
 * The company's policies in force. Compiled versions are kept by policy and version:
 * versions never change, so a cached one is never stale, only unused.
 */
@Injectable()
export class ActivePoliciesRepository {
  private readonly compiled = new Map<string, CompiledPolicy>();

  constructor(@Inject(dataSourceToken('policy')) private readonly dataSource: DataSource) {}

  async documents(companyId: string): Promise<ActiveDocument[]> {
    const rows = await this.dataSource.query<ActiveRow[]>(
      POLICY_LIFECYCLE_QUERIES.activeDocuments,
      [companyId],
    );

    return rows.map((row) => ({
      policyId: row.policy_id,
      version: row.version,
      document: row.document,
    }));
  }

  async compiledFor(companyId: string): Promise<CompiledPolicy[]> {
    const documents = await this.documents(companyId);

    return documents.map(({ policyId, version, document }) => {
      const key = `${policyId}:${version}`;
      let policy = this.compiled.get(key);

      if (!policy) {
        policy = compilePolicy(validatePolicy(document).document as PolicyDocument);
        this.compiled.set(key, policy);
      }
      return policy;
    });
  }
}
