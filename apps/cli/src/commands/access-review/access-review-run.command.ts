import { createReviewMailer, createReviewRunner } from '@compliance/access-review';
import { AppConfig, APP_CONFIG } from '@compliance/config';
import { createFieldEncryption, keyProviderSettingsFrom } from '@compliance/crypto';
import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';

import { CliDatabase } from '../../support/cli-database';
import { output } from '../../support/output';

interface RunOptions {
  companyId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the monthly schedule and the daily job do, for a CronJob to run: opens the current
 * period's campaign of each company whose cadence starts a period this month (once per
 * company and period, however often it runs), closes the campaigns that are due, sends
 * the mails that are owed and removes expired report exports.
 */
@SubCommand({
  name: 'run',
  description:
    'Open the campaigns due this month, close due ones, send owed mails, remove expired reports',
})
export class AccessReviewRunCommand extends CommandRunner {
  constructor(
    private readonly database: CliDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_params: string[], options: RunOptions): Promise<void> {
    if (options.companyId !== undefined && !UUID.test(options.companyId)) {
      output.error('--company-id must be a UUID');
      process.exitCode = 2;
      return;
    }

    const dataSource = await this.database.open();
    const mailer = createReviewMailer(this.config.mail.smtpUrl, this.config.mail.from);
    // Reviewer addresses are sealed; opening them takes the service's own key provider.
    const encryption = await createFieldEncryption(
      dataSource,
      keyProviderSettingsFrom(this.config),
    );

    try {
      const summary = await createReviewRunner(dataSource, mailer, encryption).run({
        companyId: options.companyId,
        trigger: 'cli',
      });

      for (const started of summary.started) {
        const what = started.created ? 'opened' : 'already open';
        output.line(`${started.companyId} ${started.period}: ${what} (${started.reviewId})`);
      }

      for (const skipped of summary.notDue) {
        output.line(`${skipped.companyId} ${skipped.period}: not due (${skipped.cadence} cadence)`);
      }

      output.line(
        `${summary.started.filter((s) => s.created).length} campaign(s) opened, ` +
          `${summary.closed} closed, ${summary.mailsSent} mail(s) sent` +
          (mailer.delivers ? '' : ' (SMTP_URL unset: mails recorded, not sent)') +
          `, ${summary.reportsExpired} expired report export(s) removed.`,
      );
    } finally {
      encryption.forgetKeys();
      mailer.close();
    }
  }

  @Option({ flags: '--company-id <uuid>', description: 'Only this company' })
  parseCompanyId(value: string): string {
    return value;
  }
}
