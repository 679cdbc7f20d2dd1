import { AppConfig, APP_CONFIG } from '@compliance/config';
import { ServiceError } from '@compliance/contracts';
import {
  createConfiguredRetentionToolkit,
  RetentionToolkit,
  systemAuth,
} from '@compliance/retention';
import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';

import { CliDatabase } from '../../support/cli-database';
import { output } from '../../support/output';
import { printPreview, printRun, printScheduled } from './retention-report';

interface ExecuteOptions {
  policyId?: string;
  preview?: boolean;
  allScheduled?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `--policy-id <uuid> [--preview]` previews or runs one policy to its end;
 * `--all-scheduled` does what the daily schedule does (for a CronJob): resumes runs a
 * crash left behind, then runs every policy that fell due, once across replicas.
 */
@SubCommand({ name: 'execute', description: 'Preview or run retention policies' })
export class RetentionExecuteCommand extends CommandRunner {
  constructor(
    private readonly database: CliDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_params: string[], options: ExecuteOptions): Promise<void> {
    const problem = optionProblem(options);

    if (problem) {
      output.error(problem);
      process.exitCode = 2;
      return;
    }

    const toolkit = createConfiguredRetentionToolkit(await this.database.open(), this.config);

    try {
      if (options.allScheduled) {
        printScheduled(await toolkit.scheduled.runDue('cli'));
      } else {
        await this.one(toolkit, options.policyId!, options.preview ?? false);
      }
    } catch (error) {
      if (error instanceof ServiceError) {
        output.error(`${error.code}: ${error.message}`);
        process.exitCode = 1;
        return;
      }
      throw error;
    }
  }

  private async one(toolkit: RetentionToolkit, policyId: string, preview: boolean) {
    const policy = await toolkit.policies.rowForOperator(policyId);
    const auth = systemAuth(policy.company_id, 'compliance-cli');

    if (preview) {
      printPreview(await toolkit.previews.preview(policy, auth));
      return;
    }

    const run = await toolkit.runs.start(policy, auth, { trigger: 'cli' });

    if (!run) {
      output.error('the policy is not active');
      process.exitCode = 1;
      return;
    }

    const outcome = await toolkit.executor.execute(run.id);
    const logs = await toolkit.logs.list({ runId: run.id, limit: 200, offset: 0 }, auth);
    printRun(outcome, logs.items);
    process.exitCode = outcome.status === 'completed' ? 0 : 1;
  }

  @Option({ flags: '--policy-id <uuid>', description: 'The policy to preview or run' })
  parsePolicyId(value: string): string {
    return value;
  }

  @Option({ flags: '--preview', description: 'Count and sample what a run would touch' })
  parsePreview(): boolean {
    return true;
  }

  @Option({ flags: '--all-scheduled', description: 'Run every policy that is due now' })
  parseAllScheduled(): boolean {
    return true;
  }
}

function optionProblem(options: ExecuteOptions): string | undefined {
  if (options.allScheduled && options.policyId) {
    return 'use --policy-id or --all-scheduled, not both';
  }

  if (options.allScheduled && options.preview) {
    return '--preview applies to one policy: use it with --policy-id';
  }

  if (!options.allScheduled && !options.policyId) {
    return 'name a policy with --policy-id <uuid>, or use --all-scheduled';
  }

  if (options.policyId && !UUID.test(options.policyId)) {
    return '--policy-id must be a UUID';
  }

  return undefined;
}
