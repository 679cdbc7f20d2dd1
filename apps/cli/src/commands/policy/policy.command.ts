import { Command, CommandRunner } from 'nest-commander';

import { PolicyApplyCommand } from './policy-apply.command';
import { PolicyPruneTransferChecksCommand } from './policy-prune-transfer-checks.command';
import { PolicyRollbackCommand } from './policy-rollback.command';
import { PolicyTestCommand } from './policy-test.command';
import { PolicyValidateCommand } from './policy-validate.command';

@Command({
  name: 'policy',
  description: 'Policies as code: validate, test, apply and roll back; prune transfer checks',
  subCommands: [
    PolicyApplyCommand,
    PolicyPruneTransferChecksCommand,
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
