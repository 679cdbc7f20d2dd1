import { Command, CommandRunner } from 'nest-commander';

import { ApiKeyCreateCommand } from './api-key-create.command';

@Command({
  name: 'api-key',
  description: 'Manage API keys',
  subCommands: [ApiKeyCreateCommand],
})
export class ApiKeyCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
