import { randomUUID } from 'node:crypto';

import { AppConfig, APP_CONFIG } from '@compliance/config';
import { CrmSeeder, CrmUsersService } from '@compliance/crm-sample';
import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';

import { CliDatabase } from '../../support/cli-database';
import { output } from '../../support/output';
import { openKeysEncryption } from '../keys/keys-encryption';

interface SeedOptions {
  companyId?: string;
  contacts: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CONTACTS = 10_000_000;

@SubCommand({
  name: 'seed',
  description: 'Add sample contacts, leads, deals, notes, activities and invoices',
})
export class CrmSampleSeedCommand extends CommandRunner {
  constructor(
    private readonly database: CliDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_params: string[], options: SeedOptions): Promise<void> {
    if (options.companyId === undefined || !UUID.test(options.companyId)) {
      output.error('--company-id must be a UUID');
      process.exitCode = 2;
      return;
    }

    if (!Number.isInteger(options.contacts) || options.contacts < 0) {
      output.error(`--contacts must be a whole number from 0 to ${MAX_CONTACTS}`);
      process.exitCode = 2;
      return;
    }

    const dataSource = await this.database.open();
    const encryption = await openKeysEncryption(dataSource, this.config);
    // No relay here: the module publishes the new users' events when it next runs.
    const seeder = new CrmSeeder(
      dataSource,
      encryption,
      new CrmUsersService(dataSource, undefined),
    );
    const started = performance.now();

    try {
      const result = await seeder.seed(
        {
          requestId: randomUUID(),
          companyId: options.companyId,
          actor: { type: 'system', id: 'cli' },
          scopes: [],
        },
        { contacts: options.contacts, onProgress: (written) => this.progress(written, options) },
      );
      const seconds = ((performance.now() - started) / 1000).toFixed(1);

      output.line(
        `Seeded ${result.contacts} contact(s) and ${result.users} user(s) in ${seconds} s ` +
          `(encryption ${(result.encryptMs / 1000).toFixed(1)} s, ` +
          `inserts ${(result.insertMs / 1000).toFixed(1)} s).`,
      );
    } finally {
      encryption.forgetKeys();
    }
  }

  private progress(written: number, options: SeedOptions): void {
    if (written % 100_000 === 0 && written < options.contacts) {
      output.line(`  ${written} of ${options.contacts} contacts`);
    }
  }

  @Option({ flags: '--company-id <uuid>', description: 'The company (tenant) to seed' })
  parseCompanyId(value: string): string {
    return value;
  }

  @Option({
    flags: '--contacts <n>',
    description: 'How many contacts to add',
    defaultValue: 1000,
  })
  parseContacts(value: string): number {
    const contacts = Number(value);
    return contacts > MAX_CONTACTS ? Number.NaN : contacts;
  }
}
