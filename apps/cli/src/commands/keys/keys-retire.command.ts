import { AppConfig, APP_CONFIG } from '@compliance/config';
import { ServiceError } from '@compliance/contracts';
import {
  countValuesUnderVersion,
  describeEncryptedColumn,
  encryptedColumnsCounter,
  FieldEncryption,
} from '@compliance/crypto';
import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { DataSource } from 'typeorm';

import { CliDatabase } from '../../support/cli-database';
import { output } from '../../support/output';
import { openKeysEncryption } from './keys-encryption';
import { valueCount } from './keys-report';
import { PLATFORM_ENCRYPTED_COLUMNS } from './platform-encrypted-columns';

interface RetireOptions {
  companyId?: string;
  belowVersion?: number;
  subjectId?: string;
}

interface Retirement {
  companyId: string;
  belowVersion: number;
  subjectId?: string;
}

@SubCommand({
  name: 'retire',
  description:
    'Data key versions below a version stop decrypting; refused while any encrypted column ' +
    'still holds a value under them',
})
export class KeysRetireCommand extends CommandRunner {
  constructor(
    private readonly database: CliDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_params: string[], options: RetireOptions): Promise<void> {
    const { companyId, belowVersion, subjectId } = options;

    if (!companyId || belowVersion === undefined || !Number.isInteger(belowVersion)) {
      output.error('--company-id <uuid> and --below-version <n> (a whole number) are required');
      process.exitCode = 2;
      return;
    }

    const dataSource = await this.database.open();
    const encryption = await openKeysEncryption(dataSource, this.config);

    try {
      await this.retire(encryption, dataSource, { companyId, belowVersion, subjectId });
    } finally {
      encryption.forgetKeys();
    }
  }

  private async retire(
    encryption: FieldEncryption,
    dataSource: DataSource,
    retirement: Retirement,
  ): Promise<void> {
    const { companyId, belowVersion, subjectId } = retirement;

    try {
      const minVersion = await encryption.retireKeyVersions(companyId, {
        subjectId,
        belowVersion,
        countValuesUnder: encryptedColumnsCounter(
          dataSource,
          PLATFORM_ENCRYPTED_COLUMNS,
          companyId,
        ),
      });

      output.line(
        `company ${companyId}: versions below ${belowVersion} retired; ` +
          `the data key now decrypts from version ${minVersion} on.`,
      );
    } catch (failure) {
      if (!(failure instanceof ServiceError)) {
        throw failure;
      }

      output.error(`company ${companyId}: ${failure.message}`);

      if (failure.code === 'conflict') {
        await this.showRemaining(encryption, dataSource, retirement, failure);
        output.error('(`compliance keys reencrypt` moves the vault’s values only.)');
      }

      process.exitCode = failure.code === 'bad_request' ? 2 : 1;
    }
  }

  /** Each version that blocked the retirement, and where its values still are. */
  private async showRemaining(
    encryption: FieldEncryption,
    dataSource: DataSource,
    retirement: Retirement,
    failure: ServiceError,
  ): Promise<void> {
    const keySet = await encryption.keyVersions(retirement.companyId, retirement.subjectId);
    const blocked = new Set(failure.details.map((detail) => detail.path));

    for (const version of keySet?.versions ?? []) {
      if (!blocked.has(`versions.${version.version}`)) {
        continue;
      }

      const counted = await countValuesUnderVersion(
        dataSource,
        PLATFORM_ENCRYPTED_COLUMNS,
        retirement.companyId,
        version,
      );
      output.error(`  v${version.version}: ${valueCount(counted.total)} remaining`);

      for (const { location, count } of counted.byLocation) {
        if (count > 0) {
          output.error(`    ${describeEncryptedColumn(location)}: ${count}`);
        }
      }
    }
  }

  @Option({ flags: '--company-id <uuid>', description: 'The company whose data key to retire' })
  parseCompanyId(value: string): string {
    return value;
  }

  @Option({
    flags: '--below-version <n>',
    description: 'Versions below this one stop decrypting; never the current version',
  })
  parseBelowVersion(value: string): number {
    return Number(value);
  }

  @Option({
    flags: '--subject-id <id>',
    description: 'A data subject’s own key set instead of the company’s',
  })
  parseSubjectId(value: string): string {
    return value;
  }
}
