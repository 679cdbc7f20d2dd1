import { Command, CommandRunner } from 'nest-commander';

import { PolicyApplyCommand } from './policy-apply.command';
import { PolicyRollbackCommand } from './policy-rollback.command';
import { PolicyTestCommand } from './policy-test.command';
import { PolicyValidateCommand } from './policy-validate.command';

@Command({
  name: 'policy',
  description: 'Policies as code: validate, test, apply and roll back',
  subCommands: [
    PolicyApplyCommand,
    PolicyRollbackCommand,
    PolicyTestCommand,
    PolicyValidateCommand,
  ],
})
export class PolicyCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
