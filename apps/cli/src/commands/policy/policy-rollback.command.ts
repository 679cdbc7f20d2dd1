import { operatorAuth } from '@compliance/policy';
import { CommandRunner, Option, SubCommand } from 'nest-commander';

import { output } from '../../support/output';
import { checkIds, CLI_ACTOR, reportRefusal } from './operator-options';
import { PolicyOperatorSession } from './policy-operator.session';

interface RollbackOptions {
  companyId?: string;
  toVersion?: number;
}

/** Re-activates an earlier version as a new one; history is never rewritten. */
@SubCommand({
  name: 'rollback',
  arguments: '<id>',
  description: 'Re-activate an earlier policy version, as a new version',
})
export class PolicyRollbackCommand extends CommandRunner {
  constructor(private readonly session: PolicyOperatorSession) {
    super();
  }

  async run([id]: string[], options: RollbackOptions): Promise<void> {
    if (!checkIds(id, options.companyId)) {
      return;
    }

    if (!Number.isInteger(options.toVersion) || options.toVersion! < 1) {
      output.error('--to-version <n> is required (a version number from 1)');
      process.exitCode = 2;
      return;
    }

    const auth = operatorAuth(options.companyId!, CLI_ACTOR);

    try {
      const rolledBack = await this.session.run(({ lifecycle }) =>
        lifecycle.rollback(id, options.toVersion!, auth),
      );
      output.line(
        `policy ${rolledBack.id}: version ${options.toVersion} is active again ` +
          `as version ${rolledBack.activeVersion}`,
      );
    } catch (error) {
      reportRefusal(error);
    }
  }

  @Option({ flags: '--company-id <uuid>', description: 'The company the policy belongs to' })
  parseCompanyId(value: string): string {
    return value;
  }

  @Option({ flags: '--to-version <n>', description: 'The version to bring back' })
  parseToVersion(value: string): number {
    return Number.parseInt(value, 10);
  }
}
