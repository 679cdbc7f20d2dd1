import { RetentionLogView, RetentionPreview } from '@compliance/contracts';
import { RunOutcome, ScheduledSummary } from '@compliance/retention';

import { output } from '../../support/output';

export function printPreview(preview: RetentionPreview): void {
  output.line(
    `preview ${preview.previewId} of policy ${preview.policyId} v${preview.policyVersion}, ` +
      `records dated before ${preview.cutoff}:`,
  );

  for (const entity of preview.entities) {
    output.line(
      `  ${entity.entity}: ${entity.affected} to remove, ${entity.skipped} kept ` +
        `(of ${entity.matched} matched); sample ${entity.sampleIds.join(', ') || '-'}`,
    );
  }
}

export function printRun(outcome: RunOutcome, logs: RetentionLogView[]): void {
  output.line(`run ${outcome.runId}: ${outcome.status}`);

  for (const log of logs) {
    output.line(
      `  ${log.entity}: matched ${log.matched}, deleted ${log.deleted}, ` +
        `archived ${log.archived}, skipped ${log.skipped}, errors ${log.errors}`,
    );
  }
}

export function printScheduled(summary: ScheduledSummary): void {
  for (const run of [...summary.resumed, ...summary.started]) {
    output.line(`run ${run.runId}: ${run.status}`);
  }

  output.line(
    `${summary.resumed.length} run(s) resumed, ${summary.started.length} started, ` +
      `${summary.alreadyClaimed} already claimed elsewhere.`,
  );
}
