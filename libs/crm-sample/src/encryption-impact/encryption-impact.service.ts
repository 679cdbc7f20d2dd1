import { AuthContext, ImpactReport, ImpactRequest } from '@compliance/contracts';
import { dataSourceToken } from '@compliance/platform';
import {
  compileDocuments,
  CompiledPolicy,
  evaluatePolicies,
  impactDocumentSets,
} from '@compliance/policy-engine';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { CRM_MODULE } from '../connector/crm-data-map';
import { countClearQuery, CRM_FIELD_STORAGE } from './crm-field-storage';

/**
 * For each field the policies in force or the candidate require encrypted, how many of the
 * company's records hold it in clear and so break that requirement: `current` under the
 * policies in force, `candidate` with the candidate. A field this module does not hold
 * counts zero: nothing of it is stored.
 */
@Injectable()
export class EncryptionImpactService {
  constructor(@Inject(dataSourceToken(CRM_MODULE)) private readonly dataSource: DataSource) {}

  async impact(request: ImpactRequest, auth: AuthContext): Promise<ImpactReport> {
    const documents = impactDocumentSets(request);
    const sets = {
      current: compileDocuments(documents.current),
      candidate: compileDocuments(documents.candidate),
    };
    const now = new Date(request.now);
    const items: ImpactReport['items'] = [];

    for (const key of requiredFields([...sets.current, ...sets.candidate])) {
      const clear = await this.countClear(key, auth.companyId);
      const [entity, field] = splitKey(key);
      // The decision enforcement would take for a value stored in clear.
      // TODO(record exceptions): judged per field, so a one-record exception is not matched.
      const fails = (policies: CompiledPolicy[]) =>
        evaluatePolicies(
          policies,
          { action: 'field.store', resource: { entity }, context: { field, encrypted: false } },
          now,
        ).decision !== 'allow';

      items.push({
        key,
        current: fails(sets.current) ? clear : 0,
        candidate: fails(sets.candidate) ? clear : 0,
      });
    }

    return { service: CRM_MODULE, items };
  }

  private async countClear(key: string, companyId: string): Promise<number> {
    const storage = CRM_FIELD_STORAGE[key];

    if (!storage || storage.kind === 'sealed') {
      return 0;
    }

    const [row] = await this.dataSource.query<{ clear: number }[]>(countClearQuery(storage), [
      companyId,
    ]);
    return row.clear;
  }
}

/** Every `entity.field` some policy requires encrypted, sorted. */
function requiredFields(policies: readonly CompiledPolicy[]): string[] {
  const keys = new Set<string>();

  for (const policy of policies) {
    for (const [entity, fields] of policy.encryption) {
      for (const field of fields.keys()) {
        keys.add(`${entity}.${field}`);
      }
    }
  }

  return [...keys].sort();
}

function splitKey(key: string): [string, string] {
  const dot = key.indexOf('.');
  return [key.slice(0, dot), key.slice(dot + 1)];
}
