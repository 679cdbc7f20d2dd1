import { runMigrations } from '@compliance/persistence';
import { Command, CommandRunner } from 'nest-commander';

import { ALL_MIGRATIONS, CliDatabase } from '../support/cli-database';
import { output } from '../support/output';

@Command({ name: 'migrate', description: 'Apply pending database migrations of every service' })
export class MigrateCommand extends CommandRunner {
  constructor(private readonly database: CliDatabase) {
    super();
  }

  async run(): Promise<void> {
    const applied = await runMigrations(await this.database.endpoint(), ALL_MIGRATIONS);

    output.line(
      applied.length === 0
        ? 'The database is up to date.'
        : `Applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}`).join('\n')}`,
    );
  }
}
