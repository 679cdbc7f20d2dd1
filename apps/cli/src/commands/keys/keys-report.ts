import { FieldEncryption } from '@compliance/crypto';
import { vaultCompanies, vaultValueCounter } from '@compliance/vault';
import { DataSource } from 'typeorm';

import { output } from '../../support/output';

/**
 * Per data key version, the secret values still sealed under it, for the companies the
 * vault holds values of. Other services' tables are not counted here.
 */
export async function reportKeyVersions(
  encryption: FieldEncryption,
  dataSource: DataSource,
  companyId: string | undefined,
): Promise<void> {
  const companies = companyId ? [companyId] : await vaultCompanies(dataSource);

  for (const company of companies) {
    const keySet = await encryption.keyVersions(company);

    if (!keySet) {
      output.line(`company ${company}: no data key yet`);
      continue;
    }

    const count = vaultValueCounter(dataSource, company);
    output.line(`company ${company}: data key ${keySet.keyId}, min version ${keySet.minVersion}`);

    for (const version of keySet.versions) {
      const state = version.retired
        ? 'retired'
        : `KEK ${version.kekProvider} v${version.kekVersion}`;
      output.line(`  v${version.version} (${state}): ${await count(version)} vault values`);
    }
  }
}
