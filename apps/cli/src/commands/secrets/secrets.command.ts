import { Command, CommandRunner } from 'nest-commander';

import { SecretsRotateDueCommand } from './secrets-rotate-due.command';

@Command({
  name: 'secrets',
  description: 'Secrets vault jobs',
  subCommands: [SecretsRotateDueCommand],
})
export class SecretsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
