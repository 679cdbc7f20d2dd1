import { DsrMaintenanceService, dsrService } from '@compliance/dsr';
import { CommandRunner, SubCommand } from 'nest-commander';

import { output } from '../../support/output';
import { ServiceContextRunner } from '../../support/service-context';

/**
 * The DSR service's daily deadline check, for a CronJob: raises the 7, 3 and 1-day and
 * overdue notices through the service's outbox, so the running platform publishes them.
 * It claims the day first, so running it beside the in-process schedule, or twice, sends
 * each notice once.
 */
@SubCommand({
  name: 'check-deadlines',
  description: 'Raise deadline notices for open data subject requests (once per day)',
})
export class DsrCheckDeadlinesCommand extends CommandRunner {
  constructor(private readonly services: ServiceContextRunner) {
    super();
  }

  async run(): Promise<void> {
    const summary = await this.services.run(dsrService, (context) =>
      context.get(DsrMaintenanceService, { strict: false }).checkDeadlines(),
    );

    output.line(
      summary.ran
        ? `Raised ${summary.notices} deadline notice(s).`
        : 'Today’s deadline check was already done.',
    );
    process.exitCode = 0;
  }
}
