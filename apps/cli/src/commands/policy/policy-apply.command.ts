import { operatorAuth } from '@compliance/policy';
import { CommandRunner, Option, SubCommand } from 'nest-commander';

import { output } from '../../support/output';
import { checkIds, CLI_ACTOR, reportRefusal } from './operator-options';
import { PolicyOperatorSession } from './policy-operator.session';

interface ApplyOptions {
  companyId?: string;
  version?: number;
  dryRun?: boolean;
  json?: boolean;
}

/** Applies a version (the latest by default), or with --dry-run reports what it would do. */
@SubCommand({
  name: 'apply',
  arguments: '<id>',
  description: 'Apply a policy version for a company, or report its impact with --dry-run',
})
export class PolicyApplyCommand extends CommandRunner {
  constructor(private readonly session: PolicyOperatorSession) {
    super();
  }

  async run([id]: string[], options: ApplyOptions): Promise<void> {
    if (!checkIds(id, options.companyId)) {
      return;
    }

    const auth = operatorAuth(options.companyId!, CLI_ACTOR);

    try {
      await this.session.run(async ({ dryRuns, lifecycle }) => {
        if (options.dryRun) {
          const report = await dryRuns.dryRun(id, options.version, auth);
          this.print(options.json, report, [
            `dry-run of version ${report.version}: nothing changed`,
            ...report.changes.map((change) => `  ${change.op} ${change.path}`),
            ...report.impact.map(({ area, status, report: answer }) =>
              answer
                ? `  ${area}: ` +
                  (answer.items.map((i) => `${i.key} ${i.current}->${i.candidate}`).join(', ') ||
                    'no change')
                : `  ${area}: ${status}`,
            ),
          ]);
          return;
        }

        const applied = await lifecycle.apply(id, options.version, auth);
        this.print(options.json, applied, [
          `policy ${applied.id} version ${applied.activeVersion} is active`,
        ]);
      });
    } catch (error) {
      reportRefusal(error);
    }
  }

  private print(json: boolean | undefined, value: object, lines: string[]): void {
    if (json) {
      output.json(value);
    } else {
      lines.forEach((line) => output.line(line));
    }
  }

  @Option({ flags: '--company-id <uuid>', description: 'The company the policy belongs to' })
  parseCompanyId(value: string): string {
    return value;
  }

  @Option({ flags: '--version <n>', description: 'The version to apply (default: the latest)' })
  parseVersion(value: string): number {
    return Number.parseInt(value, 10);
  }

  @Option({ flags: '--dry-run', description: 'Report the impact; change nothing' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'Print the result as JSON' })
  parseJson(): boolean {
    return true;
  }
}
