import { Command, CommandRunner } from 'nest-commander';

import { RetentionExecuteCommand } from './retention-execute.command';

@Command({
  name: 'retention',
  description: 'Data retention runs',
  subCommands: [RetentionExecuteCommand],
})
export class RetentionCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
