import { AppConfig, APP_CONFIG } from '@compliance/config';
import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';

import { CliDatabase } from '../../support/cli-database';
import { output } from '../../support/output';
import { openKeysEncryption } from './keys-encryption';
import { reportKeyVersions } from './keys-report';

interface RotateOptions {
  companyId?: string;
  verbose?: boolean;
}

@SubCommand({
  name: 'rotate',
  description: 'New KEK version; rewraps the data keys without touching any row',
})
export class KeysRotateCommand extends CommandRunner {
  constructor(
    private readonly database: CliDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_params: string[], options: RotateOptions): Promise<void> {
    const dataSource = await this.database.open();
    const encryption = await openKeysEncryption(dataSource, this.config);
    const result = await encryption.rotateKek(options.companyId);

    output.line(
      `KEK ${result.providerId} now at version ${result.kekVersion}; ` +
        `${result.rewrapped} data keys rewrapped.`,
    );
    await reportKeyVersions(encryption, dataSource, options);
    encryption.forgetKeys();
  }

  @Option({ flags: '--company-id <uuid>', description: 'Only this company’s data keys' })
  parseCompanyId(value: string): string {
    return value;
  }

  @Option({ flags: '--verbose', description: 'Also count the values in each encrypted column' })
  parseVerbose(): boolean {
    return true;
  }
}
