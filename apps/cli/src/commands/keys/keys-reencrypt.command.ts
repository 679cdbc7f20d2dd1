import { AppConfig, APP_CONFIG } from '@compliance/config';
import { vaultReencryptionSource } from '@compliance/vault';
import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';

import { CliDatabase } from '../../support/cli-database';
import { output } from '../../support/output';
import { openKeysEncryption } from './keys-encryption';
import { reportKeyVersions } from './keys-report';

interface ReencryptOptions {
  companyId?: string;
  after?: string;
  maxBatches?: number;
  batchSize?: number;
}

@SubCommand({
  name: 'reencrypt',
  description: 'Move the vault’s values to the newest data key, in batches; resumable',
})
export class KeysReencryptCommand extends CommandRunner {
  constructor(
    private readonly database: CliDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_params: string[], options: ReencryptOptions): Promise<void> {
    const dataSource = await this.database.open();
    const encryption = await openKeysEncryption(dataSource, this.config);
    const progress = await encryption.reencrypt(
      vaultReencryptionSource(dataSource, options.companyId),
      { after: options.after, maxBatches: options.maxBatches, batchSize: options.batchSize },
    );

    output.line(
      `${progress.reencrypted} of ${progress.scanned} vault values re-encrypted` +
        (progress.done ? '; done.' : `; resume with --after ${progress.cursor}`),
    );
    await reportKeyVersions(encryption, dataSource, { companyId: options.companyId });
    encryption.forgetKeys();
  }

  @Option({ flags: '--company-id <uuid>', description: 'Only this company’s values' })
  parseCompanyId(value: string): string {
    return value;
  }

  @Option({ flags: '--after <cursor>', description: 'Resume after this cursor' })
  parseAfter(value: string): string {
    return value;
  }

  @Option({ flags: '--max-batches <n>', description: 'Stop after this many batches' })
  parseMaxBatches(value: string): number {
    return Number.parseInt(value, 10);
  }

  @Option({ flags: '--batch-size <n>', description: 'Values per batch (200)' })
  parseBatchSize(value: string): number {
    return Number.parseInt(value, 10);
  }
}
