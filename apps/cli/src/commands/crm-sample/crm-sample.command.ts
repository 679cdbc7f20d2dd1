import { Command, CommandRunner } from 'nest-commander';

import { CrmSampleSeedCommand } from './crm-sample-seed.command';

@Command({
  name: 'crm-sample',
  description: 'The sample CRM module: sample data to try requests on',
  subCommands: [CrmSampleSeedCommand],
})
export class CrmSampleCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
