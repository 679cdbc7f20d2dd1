import { Command, CommandRunner } from 'nest-commander';

import { DsrCheckDeadlinesCommand } from './dsr-check-deadlines.command';

@Command({
  name: 'dsr',
  description: 'Data subject request jobs',
  subCommands: [DsrCheckDeadlinesCommand],
})
export class DsrCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
