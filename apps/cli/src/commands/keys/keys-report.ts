import {
  countValuesUnderVersion,
  DataKeyCompany,
  describeEncryptedColumn,
  FieldEncryption,
} from '@compliance/crypto';
import { DataSource } from 'typeorm';

import { output } from '../../support/output';
import { PLATFORM_ENCRYPTED_COLUMNS } from './platform-encrypted-columns';

export interface KeyReportOptions {
  companyId?: string;
  /** Also the count in each declared column. */
  verbose?: boolean;
}

/**
 * Per company with a data key and per version of that key, the values still sealed under
 * it across every declared encrypted column. A version whose count is 0 can be retired.
 */
export async function reportKeyVersions(
  encryption: FieldEncryption,
  dataSource: DataSource,
  options: KeyReportOptions,
): Promise<void> {
  const companies = await encryption.dataKeyCompanies();
  const wanted = options.companyId?.toLowerCase();
  const listed = wanted ? companies.filter((company) => company.companyId === wanted) : companies;

  if (options.companyId && listed.length === 0) {
    output.line(`company ${options.companyId}: no data key yet`);
  }

  for (const company of listed) {
    await reportCompany(encryption, dataSource, company, options.verbose ?? false);
  }
}

async function reportCompany(
  encryption: FieldEncryption,
  dataSource: DataSource,
  company: DataKeyCompany,
  verbose: boolean,
): Promise<void> {
  const keySet = company.hasCompanyKey
    ? await encryption.keyVersions(company.companyId)
    : undefined;

  if (!keySet) {
    output.line(`company ${company.companyId}: no company data key`);
  } else {
    output.line(
      `company ${company.companyId}: data key ${keySet.keyId}, min version ${keySet.minVersion}`,
    );

    for (const version of keySet.versions) {
      const counted = await countValuesUnderVersion(
        dataSource,
        PLATFORM_ENCRYPTED_COLUMNS,
        company.companyId,
        version,
      );
      const state = version.retired
        ? 'retired'
        : `KEK ${version.kekProvider} v${version.kekVersion}`;
      output.line(`  v${version.version} (${state}): ${valueCount(counted.total)}`);

      for (const { location, count } of verbose ? counted.byLocation : []) {
        output.line(`    ${describeEncryptedColumn(location)}: ${count}`);
      }
    }
  }

  if (company.subjectKeySets > 0) {
    // One key set per data subject or request, each shredded with it: not listed one by one.
    output.line(`  and ${company.subjectKeySets} data subject key sets, not listed`);
  }
}

export function valueCount(count: number): string {
  return count === 1 ? '1 value' : `${count} values`;
}
