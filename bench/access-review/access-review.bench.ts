import { randomBytes, randomUUID } from 'node:crypto';

import {
  accessReviewMigrations,
  CampaignStarter,
  DEFAULT_REVIEW_SETTINGS,
  detectStaleAccess,
  RecordingOnlyMailer,
  ReviewerEmails,
  ReviewNotifier,
  ReviewReportService,
  UPSERT_USER_ACTIVE,
  UPSERT_USERS_ACTIVE_BATCH,
} from '@compliance/access-review';
import { auditMigrations } from '@compliance/audit';
import { AuthContext } from '@compliance/contracts';
import { createFieldEncryption, cryptoMigrations } from '@compliance/crypto';
import { claimMessage } from '@compliance/messaging';
import { openDataSource, runMigrations } from '@compliance/persistence';
import { DataSource } from 'typeorm';

import { benchSettings, machineSummary } from '../support/bench-settings';
import { CleanupStack } from '../support/cleanup-stack';
import { textTable } from '../support/text-table';
import { createThrowawayDatabase } from '../support/throwaway-database';
import { seedIdentity } from './seed-identity';

const USERS = 100_000;
const EVENTS = 1_000_000;
const BATCH = 50_000;
const PER_EVENT_SAMPLE = 5_000;
const REPEATS = 3;

interface Row {
  step: string;
  ms: number;
  detail: string;
}

/**
 * Stale-access detection over 100,000 users and 1,000,000 activity events on real
 * PostgreSQL, beside plain SQL aggregates over the same rows measured in the same run:
 * the aggregate says what reading the data costs, the rest is what detection adds.
 */
export async function runAccessReviewBench(): Promise<boolean> {
  const settings = benchSettings();
  const cleanup = new CleanupStack();
  const removeSignalHandlers = cleanup.cleanUpOnSignals();

  try {
    console.log(`machine: ${machineSummary()}`);
    console.log(`data: ${USERS} users, ${EVENTS} activity events, one company`);

    const database = await createThrowawayDatabase(settings.postgresUrl);
    cleanup.defer('drop database', () => database.drop());
    const endpoint = { kind: 'url' as const, url: database.url };
    await runMigrations(endpoint, [auditMigrations, cryptoMigrations, accessReviewMigrations]);
    const dataSource = await openDataSource({
      endpoint,
      entities: [],
      poolSize: 2,
      applicationName: 'bench-access-review',
    });
    cleanup.defer('close pool', () => dataSource.destroy());

    const companyId = randomUUID();
    progress('seeding users, roles and activity events');
    await seedIdentity(dataSource, companyId, USERS, EVENTS);

    const rows = [
      await projectPerEvent(dataSource, companyId),
      await projectInBatches(dataSource, companyId),
      ...(await measureDetection(dataSource, companyId)),
    ];
    const campaign = await measureCampaign(dataSource, companyId);
    rows.push(...campaign.rows, ...(await measureReport(dataSource, companyId, campaign.id)));

    console.log('');
    console.log(
      textTable(
        ['step', 'ms', 'detail'],
        rows.map((row) => [row.step, row.ms.toFixed(0), row.detail]),
      ),
    );
    return true;
  } finally {
    progress('cleaning up');
    const failures = await cleanup.runAll();
    removeSignalHandlers();

    for (const failure of failures) {
      console.error(`cleanup failed: ${failure}`);
    }
  }
}

/** The consumer's own path, one transaction per event with its inbox claim, on a sample. */
async function projectPerEvent(dataSource: DataSource, companyId: string): Promise<Row> {
  progress(`projecting ${PER_EVENT_SAMPLE} events one by one`);
  const sample: { user_id: string; at: Date }[] = await dataSource.query(
    'SELECT user_id, at FROM bench_activity LIMIT $1',
    [PER_EVENT_SAMPLE],
  );

  const ms = await timed(async () => {
    for (const event of sample) {
      await dataSource.transaction(async (manager) => {
        await claimMessage(manager, 'access_review', 'bench', randomUUID());
        await manager.query(UPSERT_USER_ACTIVE, [companyId, event.user_id, event.at]);
      });
    }
  });

  const perSecond = Math.round(PER_EVENT_SAMPLE / (ms / 1000));
  return { step: `project ${PER_EVENT_SAMPLE} events singly`, ms, detail: `${perSecond} events/s` };
}

/** All the events, folded in as a replay does, in batches. */
async function projectInBatches(dataSource: DataSource, companyId: string): Promise<Row> {
  progress(`projecting ${EVENTS} events in batches of ${BATCH}`);

  const ms = await timed(async () => {
    for (let offset = 0; offset < EVENTS; offset += BATCH) {
      const batch: { users: string[]; times: Date[] }[] = await dataSource.query(
        `SELECT array_agg(user_id) AS users, array_agg(at) AS times
         FROM (SELECT user_id, at FROM bench_activity OFFSET $1 LIMIT $2) AS slice`,
        [offset, BATCH],
      );
      await dataSource.query(UPSERT_USERS_ACTIVE_BATCH, [
        companyId,
        batch[0].users,
        batch[0].times,
      ]);
    }
  });

  const perSecond = Math.round(EVENTS / (ms / 1000));
  return { step: `project ${EVENTS} events in batches`, ms, detail: `${perSecond} events/s` };
}

async function measureDetection(dataSource: DataSource, companyId: string): Promise<Row[]> {
  const now = new Date();
  const detection = { ...DEFAULT_REVIEW_SETTINGS, privilegedRoles: ['finance-admin'] };
  let items = 0;

  progress('measuring detection and its baselines');
  const detect = await median(async () => {
    items = (await detectStaleAccess(dataSource.manager, companyId, detection, now)).length;
  });
  const rawAggregate = await median(() =>
    dataSource.query(
      'SELECT count(*) FROM (SELECT user_id, max(at) FROM bench_activity GROUP BY user_id) a',
    ),
  );
  const projectionScan = await median(() =>
    dataSource.query(
      `SELECT count(*) FROM access_review.user_roles r
       JOIN access_review.users u USING (company_id, user_id)
       WHERE r.company_id = $1 AND u.last_active_at < $2`,
      [companyId, new Date(now.getTime() - 90 * 86_400_000)],
    ),
  );

  return [
    { step: 'detect stale access (median of 3)', ms: detect, detail: `${items} items` },
    {
      step: 'baseline: GROUP BY over the raw events',
      ms: rawAggregate,
      detail: `${EVENTS} events → last activity per user`,
    },
    {
      step: 'baseline: plain join count, projection',
      ms: projectionScan,
      detail: 'roles of users inactive 90 days',
    },
  ];
}

/** Opening a campaign: snapshot of every user, detection, items and reviewers. */
async function measureCampaign(
  dataSource: DataSource,
  companyId: string,
): Promise<{ id: string; rows: Row[] }> {
  progress('opening a campaign');
  // Seeded addresses are in clear, as before sealing; the notifier still opens them.
  const encryption = await createFieldEncryption(dataSource, {
    kind: 'local',
    environment: 'test',
    masterKey: randomBytes(32).toString('base64'),
  });
  const notifier = new TimedNotifier(
    dataSource,
    new RecordingOnlyMailer(),
    new ReviewerEmails(dataSource, encryption),
  );
  const starter = new CampaignStarter(
    dataSource,
    { nudge: () => undefined },
    { now: () => new Date() },
    notifier,
  );
  let items = 0;
  let id = '';

  const ms = await timed(async () => {
    const result = await starter.start({ period: '2027-Q1', trigger: 'cli' }, benchAuth(companyId));
    items = result.review.completion.items;
    id = result.review.id;
  });
  const [{ mails }]: { mails: number }[] = await dataSource.query(
    'SELECT count(*)::int AS mails FROM access_review.notifications',
  );

  return {
    id,
    rows: [
      {
        step: 'open campaign: snapshot + detection + items',
        ms: ms - notifier.ms,
        detail: `${USERS} users snapshotted, ${items} items`,
      },
      {
        step: 'open campaign: opening notifications',
        ms: notifier.ms,
        detail: `${mails} reviewers notified (recorded, SMTP off)`,
      },
    ],
  };
}

/** The evidence of that campaign: one read, rendered, hashed and stored in pages. */
async function measureReport(dataSource: DataSource, companyId: string, id: string) {
  progress('exporting the campaign report');
  const reports = new ReviewReportService(dataSource, { now: () => new Date() });
  const rows: Row[] = [];

  for (const format of ['json', 'csv'] as const) {
    let detail = '';
    const ms = await timed(async () => {
      const exported = await reports.export(id, format, benchAuth(companyId));
      detail = `${(exported.bytes / 1024 / 1024).toFixed(1)} MiB in ${exported.pages} pages`;
    });

    rows.push({ step: `export report (${format}): read + render + store`, ms, detail });
  }

  return rows;
}

/** Times the opening mails apart from the campaign's own work. */
class TimedNotifier extends ReviewNotifier {
  ms = 0;

  override async notifyReview(reviewId: string, now: Date): Promise<number> {
    const start = process.hrtime.bigint();
    const sent = await super.notifyReview(reviewId, now);

    this.ms += Number(process.hrtime.bigint() - start) / 1e6;
    return sent;
  }
}

/** The bench acts as the CLI would: a system actor of the seeded company. */
function benchAuth(companyId: string): AuthContext {
  return {
    requestId: randomUUID(),
    companyId,
    actor: { type: 'system', id: 'bench' },
    scopes: [],
  };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function median(work: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];

  for (let run = 0; run < REPEATS; run += 1) {
    runs.push(await timed(work));
  }

  return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)];
}

function progress(message: string): void {
  console.error(`… ${message}`);
}
