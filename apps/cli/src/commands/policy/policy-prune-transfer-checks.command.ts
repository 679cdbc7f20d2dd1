import { PolicyMaintenanceService, policyService } from '@compliance/policy';
import { CommandRunner, SubCommand } from 'nest-commander';

import { output } from '../../support/output';
import { ServiceContextRunner } from '../../support/service-context';

/**
 * The policy service's daily pruning, for a CronJob: deletes the transfer checks older
 * than the 30 days a dry-run replays, with one audit entry per company. It claims the day
 * first, so running it beside the in-process schedule, or twice, prunes once.
 */
@SubCommand({
  name: 'prune-transfer-checks',
  description: 'Delete transfer checks older than the 30-day replay window (once per day)',
})
export class PolicyPruneTransferChecksCommand extends CommandRunner {
  constructor(private readonly services: ServiceContextRunner) {
    super();
  }

  async run(): Promise<void> {
    const result = await this.services.run(policyService, (context) =>
      context.get(PolicyMaintenanceService, { strict: false }).pruneTransferChecksOnce(),
    );

    output.line(
      result.ran
        ? `Deleted ${result.deleted} transfer check(s) past the replay window.`
        : 'Today’s transfer-check pruning was already done.',
    );
    process.exitCode = 0;
  }
}
