import { Command, CommandRunner } from 'nest-commander';

import { AuditVerifyCommand } from './audit-verify.command';

@Command({ name: 'audit', description: 'Audit trail tools', subCommands: [AuditVerifyCommand] })
export class AuditCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
