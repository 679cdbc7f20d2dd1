import { createLogger } from '@compliance/logging';
import { Inject, Injectable } from '@nestjs/common';
import { CronTime } from 'cron';
import { DataSource } from 'typeorm';

import { SELECT_SCHEDULED_POLICIES } from '../policies/retention-policies.queries';
import { RetentionPolicyRow } from '../policies/retention-policy.mapper';
import { PurgeExecutor } from '../runs/purge-executor.service';
import { RetentionRunsService } from '../runs/retention-runs.service';
import { SELECT_STALE_RUNS } from '../runs/run-ledger.queries';
import { RunOutcome } from '../runs/retention-run.types';
import { Clock, RETENTION_CLOCK, RETENTION_DATA_SOURCE } from '../support/retention.tokens';
import { systemAuth } from '../support/system-auth';

/** A run whose worker has not beaten for this long is taken as dead and resumed. */
const STALE_AFTER_SECONDS = 600;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ScheduledSummary {
  resumed: RunOutcome[];
  started: RunOutcome[];
  /** Policies due whose slot another replica (or an earlier call) already claimed. */
  alreadyClaimed: number;
}

/**
 * The work of the daily tick and of `--all-scheduled`: resume runs a crash left behind,
 * then run each active policy whose own schedule fell due in the last day. The slot is
 * that occurrence, claimed by a unique row, so several replicas run each one once.
 */
@Injectable()
export class ScheduledRunsService {
  private readonly logger = createLogger(ScheduledRunsService.name);

  constructor(
    @Inject(RETENTION_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(RETENTION_CLOCK) private readonly clock: Clock,
    private readonly runs: RetentionRunsService,
    private readonly executor: PurgeExecutor,
  ) {}

  async runDue(trigger: 'cli' | 'schedule'): Promise<ScheduledSummary> {
    const summary: ScheduledSummary = { resumed: [], started: [], alreadyClaimed: 0 };
    const stale: { id: string }[] = await this.dataSource.query(SELECT_STALE_RUNS, [
      STALE_AFTER_SECONDS,
    ]);

    for (const run of stale) {
      summary.resumed.push(await this.executor.execute(run.id));
    }

    const now = this.clock.now();
    const policies: RetentionPolicyRow[] = await this.dataSource.query(SELECT_SCHEDULED_POLICIES);

    for (const policy of policies) {
      const slot = dueSlot(policy.schedule, now);

      if (!slot) continue;

      const auth = systemAuth(policy.company_id, `retention-${trigger}`);
      const run = await this.runs.start(policy, auth, { trigger, scheduleSlot: slot });

      if (!run) {
        summary.alreadyClaimed += 1;
        continue;
      }

      summary.started.push(await this.executor.execute(run.id));
    }

    this.logger.info(
      { resumed: summary.resumed.length, started: summary.started.length },
      'scheduled retention runs done',
    );
    return summary;
  }
}

/** The schedule's latest occurrence within the past day, or undefined when none fell. */
export function dueSlot(schedule: string, now: Date): string | undefined {
  const occurrence = new CronTime(schedule)
    .getNextDateFrom(new Date(now.getTime() - DAY_MS))
    .toJSDate();

  return occurrence.getTime() <= now.getTime() ? occurrence.toISOString() : undefined;
}
