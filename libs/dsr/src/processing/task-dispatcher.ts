import { AuthContext, dsrTaskRequested, DsrTaskAction } from '@compliance/contracts';
import { addToOutbox } from '@compliance/messaging';
import { EntityManager } from 'typeorm';

import { DsrSubject } from '../encryption/dsr-subject-cipher';
import { DSR_SCHEMA } from '../migrations/dsr.migrations';
import { DsrRequestRow, DsrTaskRow } from '../requests/dsr-request.row';
import { dsrQueries } from '../requests/dsr.queries';

/**
 * Creates a task per connector for one action and queues its command in the outbox, in
 * the caller's transaction. A task that exists already is left alone, so a repeated
 * `process` sends nothing twice.
 */
export async function dispatchTasks(
  manager: EntityManager,
  request: DsrRequestRow,
  action: DsrTaskAction,
  connectors: string[],
  subject: DsrSubject,
  auth: AuthContext,
): Promise<DsrTaskRow[]> {
  const created: DsrTaskRow[] = [];

  for (const connector of connectors) {
    const [task] = await manager.query<DsrTaskRow[]>(dsrQueries.insertTask, [
      request.id,
      request.company_id,
      connector,
      action,
    ]);

    if (task) {
      await sendTask(manager, request, task, subject, auth);
      created.push(task);
    }
  }

  return created;
}

export async function sendTask(
  manager: EntityManager,
  request: DsrRequestRow,
  task: DsrTaskRow,
  subject: DsrSubject,
  auth: AuthContext,
): Promise<void> {
  await addToOutbox(
    manager,
    DSR_SCHEMA,
    dsrTaskRequested,
    {
      taskId: task.id,
      requestId: request.id,
      connector: task.connector,
      action: task.action as DsrTaskAction,
      identifiers: subject.identifiers,
      purposes: request.purposes,
      changes: subject.changes,
      attempt: task.attempts,
    },
    auth,
  );
}
