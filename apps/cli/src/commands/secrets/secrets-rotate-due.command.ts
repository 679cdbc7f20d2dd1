import { RotationJob, vaultService } from '@compliance/vault';
import { CommandRunner, SubCommand } from 'nest-commander';

import { output } from '../../support/output';
import { ServiceContextRunner } from '../../support/service-context';

/**
 * The vault's daily run, for a CronJob: rotates the secrets that are due and warns of
 * those about to expire. It claims the day first, so running it beside the in-process
 * schedule, or twice, does the work once.
 */
@SubCommand({
  name: 'rotate-due',
  description: 'Rotate secrets that are due and send expiry warnings (once per day)',
})
export class SecretsRotateDueCommand extends CommandRunner {
  constructor(private readonly services: ServiceContextRunner) {
    super();
  }

  async run(): Promise<void> {
    const summary = await this.services.run(vaultService, (context) =>
      context.get(RotationJob, { strict: false }).run(),
    );

    if (!summary.ran) {
      output.line('Today’s rotation run was already done.');
      return;
    }

    output.line(
      `Rotated ${summary.rotated}, requested ${summary.requested} from their owners, ` +
        `${summary.failed} failed, ${summary.warnings} expiry warning(s).`,
    );
    process.exitCode = summary.failed > 0 ? 1 : 0;
  }
}
