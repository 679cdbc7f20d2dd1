import { PayloadOf, dsrTaskReported, dsrTaskRequested } from '@compliance/contracts';
import { DataSource } from 'typeorm';

import { union } from '../postgres/batches';
import { SubjectRecords } from '../postgres/subject-records';
import { ConnectorHandler } from './connector-handler';
import { ConnectorQueries } from './connector.queries';
import { HoldLookup, heldSummary, keptUnderHold, KeptRecords, withoutKept } from './erasure-holds';
import { SnapshotStore } from './snapshot-store';

export type TaskRequest = PayloadOf<typeof dsrTaskRequested> & { companyId: string };
export type TaskOutcome = Pick<
  PayloadOf<typeof dsrTaskReported>,
  'status' | 'counts' | 'remaining' | 'categories' | 'error' | 'held'
>;

/** A task's row in `connector_tasks`; `outcome` is null until it is done. */
interface TaskRecord {
  status: string;
  counts: Record<string, number>;
  outcome: TaskOutcome | null;
}

/**
 * Where the runner sends what it has done so far and each batch of an export, and whom
 * it asks which records legal holds keep before it erases (none are kept without one).
 */
export interface TaskSink {
  progress(counts: Record<string, number>): Promise<void>;
  exportBatch(entity: string, sequence: number, records: Record<string, unknown>[]): Promise<void>;
  holds?: HoldLookup;
}

/**
 * Runs one task against a module's data. Each action can run again after a crash at any
 * point and end where a single run would have: finished tasks answer from their record,
 * an erasure resumes from its snapshot, and counts only grow in the batch's transaction.
 */
export class TaskRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: ConnectorQueries,
    private readonly handler: ConnectorHandler,
    private readonly snapshots: SnapshotStore,
  ) {}

  async run(task: TaskRequest, sink: TaskSink): Promise<TaskOutcome> {
    await this.dataSource.query(this.queries.claimTask, [
      task.taskId,
      task.requestId,
      task.companyId,
      task.action,
    ]);
    const [record] = await this.dataSource.query<TaskRecord[]>(this.queries.task, [task.taskId]);

    // The same answer as the first run: a redelivered erasure that dropped what a legal hold
    // kept would let the request's certificate claim a complete erasure. Tasks finished
    // before outcomes were kept have their counts only.
    if (record.status === 'done') {
      return record.outcome ?? { status: 'done', counts: record.counts };
    }

    const outcome = await this.perform(task, record.status, sink);

    if (outcome.status === 'done') {
      await this.dataSource.query(this.queries.finish, [
        task.taskId,
        JSON.stringify(outcome.counts),
        JSON.stringify(outcome),
      ]);
    }

    return outcome;
  }

  private async perform(task: TaskRequest, status: string, sink: TaskSink): Promise<TaskOutcome> {
    switch (task.action) {
      case 'erase':
        return this.erase(task, status, sink);
      case 'recheck':
        return this.recheck(task, sink);
      case 'export':
        return this.export(task, sink);
      case 'rollback':
        return this.rollback(task);
      case 'shred':
        return { status: 'done', counts: { keys: await this.shred(task) } };
      case 'rectify':
        return this.rectify(task);
      case 'restrict':
      case 'lift':
        return this.restrict(task);
    }
  }

  private async erase(task: TaskRequest, status: string, sink: TaskSink): Promise<TaskOutcome> {
    // A resumed erasure erases what its snapshot holds: a fresh lookup would no longer
    // find the children erased before the crash, nor the parents' links to them. Held
    // records are left out either way, asked again on resume: the hold beats the erasure.
    const located =
      status === 'snapshotted'
        ? await this.snapshots.recordIds(task.companyId, task.requestId)
        : await this.locate(task);
    const kept = await this.kept(task, located, sink);
    const records =
      status === 'snapshotted'
        ? withoutKept(located, kept)
        : await this.takeSnapshot(task, withoutKept(located, kept));
    // The snapshot never held the kept records, so on resume they are asked of a fresh
    // lookup: nothing a hold keeps is erased, so it still finds them all.
    const reported =
      status === 'snapshotted' ? await this.kept(task, await this.locate(task), sink) : kept;

    await this.handler.erase(task.companyId, records, async (manager, entity, affected) => {
      await manager.query(this.queries.addCount, [task.taskId, entity, affected]);
    });

    const [{ counts }] = await this.dataSource.query<{ counts: Record<string, number> }[]>(
      this.queries.task,
      [task.taskId],
    );
    await sink.progress(counts);

    return {
      status: 'done',
      counts,
      categories: this.categories(records),
      held: heldSummary(reported),
    };
  }

  private async takeSnapshot(task: TaskRequest, records: SubjectRecords): Promise<SubjectRecords> {
    // Nothing is erased before the status says `snapshotted`, so a snapshot cut short by
    // a crash is simply taken again. Batches are written one by one rather than in one
    // transaction: the embedded database runs a single transaction at a time.
    await this.snapshots.discard(task.companyId, task.requestId);

    for (const entity of this.handler.dataMap.erasureOrder) {
      const primaryKey = this.handler.dataMap.entity(entity).primaryKey;
      let sequence = 0;

      for await (const rows of this.handler.rows(task.companyId, entity, records[entity] ?? [])) {
        await this.snapshots.save(task, entity, sequence, primaryKey, rows);
        sequence += 1;
      }
    }

    await this.dataSource.query(this.queries.setStatus, [task.taskId, 'snapshotted']);

    return this.snapshots.recordIds(task.companyId, task.requestId);
  }

  /**
   * A fresh lookup, plus what the erasure's snapshot names: kept records must be clean,
   * but for those a legal hold still keeps, which are reported apart.
   */
  private async recheck(task: TaskRequest, sink: TaskSink): Promise<TaskOutcome> {
    const fresh = await this.locate(task);
    const erased = await this.snapshots.recordIds(task.companyId, task.requestId);
    const records: SubjectRecords = {};

    for (const entity of new Set([...Object.keys(fresh), ...Object.keys(erased)])) {
      records[entity] = union(fresh[entity], erased[entity] ?? []);
    }

    const kept = await this.kept(task, records, sink);
    const remaining = await this.handler.remainingPersonalData(
      task.companyId,
      withoutKept(records, kept),
    );
    return { status: 'done', counts: countsOf(fresh), remaining, held: heldSummary(kept) };
  }

  private async kept(
    task: TaskRequest,
    records: SubjectRecords,
    sink: TaskSink,
  ): Promise<KeptRecords> {
    return sink.holds
      ? keptUnderHold(this.handler, sink.holds, task.companyId, records)
      : new Map();
  }

  private async export(task: TaskRequest, sink: TaskSink): Promise<TaskOutcome> {
    let sequence = 0;
    const counts = await this.handler.exportSubject(
      { companyId: task.companyId, identifiers: task.identifiers },
      async (entity, rows) => {
        await sink.exportBatch(entity, sequence, rows);
        sequence += 1;
      },
    );

    return { status: 'done', counts, categories: this.categoriesOf(counts) };
  }

  private async rollback(task: TaskRequest): Promise<TaskOutcome> {
    const held = await this.snapshots.recordIds(task.companyId, task.requestId);

    if (Object.keys(held).length === 0) {
      return { status: 'failed', counts: {}, error: 'no snapshot of this erasure is held' };
    }

    const counts: Record<string, number> = {};

    // Parents before the children that point at them.
    for (const entity of [...this.handler.dataMap.erasureOrder].reverse()) {
      for await (const rows of this.snapshots.batches(task.companyId, task.requestId, entity)) {
        counts[entity] =
          (counts[entity] ?? 0) + (await this.handler.restore(task.companyId, entity, rows));
      }
    }

    return { status: 'done', counts };
  }

  private async shred(task: TaskRequest): Promise<number> {
    return this.snapshots.shred(task.companyId, task.requestId);
  }

  private async rectify(task: TaskRequest): Promise<TaskOutcome> {
    const records = await this.locate(task);
    const counts = await this.handler.rectify(task.companyId, records, task.changes ?? {});
    return { status: 'done', counts };
  }

  private async restrict(task: TaskRequest): Promise<TaskOutcome> {
    const records = await this.locate(task);
    const kind = task.purposes.length > 0 ? 'objection' : 'restriction';
    const purposes = task.purposes.length > 0 ? task.purposes : ['all'];

    await this.dataSource.transaction(async (manager) => {
      await manager.query(this.queries.lift, [task.companyId, task.requestId]);

      for (const [entity, ids] of task.action === 'restrict' ? Object.entries(records) : []) {
        for (const purpose of purposes) {
          await manager.query(this.queries.restrict, [
            task.companyId,
            entity,
            ids,
            purpose,
            task.requestId,
            kind,
          ]);
        }
      }
    });

    return { status: 'done', counts: countsOf(records) };
  }

  private locate(task: TaskRequest): Promise<SubjectRecords> {
    return this.handler.locate({ companyId: task.companyId, identifiers: task.identifiers });
  }

  private categories(records: SubjectRecords): string[] {
    return this.categoriesOf(countsOf(records));
  }

  /** The PII categories of the entities that hold at least one of the subject's records. */
  private categoriesOf(counts: Record<string, number>): string[] {
    const categories = Object.keys(counts)
      .filter((entity) => counts[entity] > 0)
      .flatMap((entity) => this.handler.dataMap.entity(entity).piiFields.map((f) => f.category));
    return [...new Set(categories)].sort();
  }
}

function countsOf(records: SubjectRecords): Record<string, number> {
  return Object.fromEntries(Object.entries(records).map(([entity, ids]) => [entity, ids.length]));
}
