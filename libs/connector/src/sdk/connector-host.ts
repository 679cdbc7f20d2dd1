import {
  AnyEventContract,
  AuthContext,
  dsrConnectorRegistered,
  dsrExportChunk,
  dsrTaskReported,
  dsrTaskRequested,
  findErasureHolds,
  parseContract,
  PayloadOf,
  ServiceError,
} from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { BusContext, eventConsumer, MessageBus } from '@compliance/messaging';
import { DataSource } from 'typeorm';

import { ConnectorHandler } from './connector-handler';
import { connectorQueries } from './connector.queries';
import { HoldLookup } from './erasure-holds';
import { SnapshotCipher, SnapshotStore } from './snapshot-store';
import { TaskOutcome, TaskRequest, TaskRunner } from './task-runner';

export interface ConnectorHostOptions {
  /** The module's name, as the DSR service addresses it. Also its data map's module. */
  name: string;
  bus: MessageBus;
  /** The module's database, where its records and the SDK's tables live. */
  dataSource: DataSource;
  /** The module's schema holding the SDK's tables (see `createConnectorTables`). */
  schema: string;
  handler: ConnectorHandler;
  cipher: SnapshotCipher;
  /** Deliveries of one task before it is reported failed; JetStream backs off between. */
  maxAttempts?: number;
  /** How long the retention service has to say which records legal holds keep. */
  holdsTimeoutMs?: number;
}

const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_HOLDS_TIMEOUT_MS = 10_000;

/**
 * The bus side of a connector: a durable consumer of the DSR service's tasks, with
 * acknowledgement after the work is done, redelivery with back-off on failure, progress
 * reports, and a record per task so redelivered work is never done twice. The module
 * supplies only its `ConnectorHandler`.
 */
export class ConnectorHost {
  private readonly logger = createLogger(ConnectorHost.name);
  private readonly runner: TaskRunner;
  private readonly maxAttempts: number;

  constructor(private readonly options: ConnectorHostOptions) {
    const queries = connectorQueries(options.schema);
    const snapshots = new SnapshotStore(options.dataSource, queries, options.cipher, options.name);

    this.runner = new TaskRunner(options.dataSource, queries, options.handler, snapshots);
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  }

  /** Starts taking tasks. Every replica of the module shares one durable consumer. */
  async start(): Promise<void> {
    await this.options.bus.consume(
      dsrTaskRequested.subject,
      { durableName: `connector-${this.options.name}-tasks`, maxAttempts: this.maxAttempts + 1 },
      (envelope, delivery) =>
        eventConsumer(dsrTaskRequested, (payload, context) =>
          this.handle(payload as PayloadOf<typeof dsrTaskRequested>, context, delivery.attempt),
        )(envelope, delivery),
    );
  }

  /** Tells the DSR service this module holds data of subjects, for one company. */
  async announce(auth: AuthContext): Promise<void> {
    const entities = this.options.handler.dataMap.map.entities;
    const categories = [...new Set(entities.flatMap((e) => e.piiFields.map((f) => f.category)))];

    await this.publish(
      dsrConnectorRegistered,
      `${this.options.name}:registered:${auth.companyId}`,
      {
        connector: this.options.name,
        entities: entities.map((e) => e.name),
        categories: categories.sort(),
      },
      auth,
    );
  }

  private async handle(
    payload: PayloadOf<typeof dsrTaskRequested>,
    context: BusContext,
    delivery: number,
  ): Promise<void> {
    // Every module sees every task on the stream; each takes only its own.
    if (payload.connector !== this.options.name) {
      return;
    }

    const task: TaskRequest = { ...payload, companyId: context.companyId };
    const auth = context.auth;

    await this.report(task, auth, { status: 'running', counts: {} }, `running:${delivery}`);

    let outcome: TaskOutcome;

    try {
      outcome = await this.runner.run(task, {
        holds: this.holdLookup(auth),
        progress: (counts) =>
          this.report(task, auth, { status: 'running', counts }, `progress:${delivery}`),
        exportBatch: (entity, sequence, records) =>
          this.publish(
            dsrExportChunk,
            `${task.taskId}:${entity}:${sequence}`,
            {
              taskId: task.taskId,
              requestId: task.requestId,
              connector: task.connector,
              entity,
              sequence,
              records,
            },
            auth,
          ),
      });
    } catch (error) {
      if (delivery < this.maxAttempts) {
        this.logger.warn(
          { err: error, taskId: task.taskId, action: task.action, delivery },
          'task failed; it will be redelivered',
        );
        throw error;
      }

      this.logger.error({ err: error, taskId: task.taskId, action: task.action }, 'task failed');
      outcome = { status: 'failed', counts: {}, error: 'the connector failed to run the task' };
    }

    await this.report(task, auth, outcome, outcome.status);
  }

  /**
   * Asks the retention service which records legal holds keep. No answer fails the task,
   * so it is delivered again later: nothing is erased that a hold might cover.
   */
  private holdLookup(auth: AuthContext): HoldLookup {
    return async (entity, recordIds) => {
      const reply = await this.options.bus.request(
        findErasureHolds.subject,
        { context: auth, payload: { entity, recordIds } },
        this.options.holdsTimeoutMs ?? DEFAULT_HOLDS_TIMEOUT_MS,
      );

      if (!reply.ok) {
        throw ServiceError.fromBody(reply.error);
      }

      const { held } = findErasureHolds.response.parse(reply.data);
      return new Map(held.map((record) => [record.recordId, record.holdIds]));
    };
  }

  private report(task: TaskRequest, auth: AuthContext, outcome: TaskOutcome, phase: string) {
    return this.publish(
      dsrTaskReported,
      `${task.taskId}:${task.attempt}:${phase}`,
      {
        taskId: task.taskId,
        requestId: task.requestId,
        connector: task.connector,
        attempt: task.attempt,
        ...outcome,
      },
      auth,
    );
  }

  /**
   * Published straight to the stream with an id derived from the work, so a redelivered
   * task's reports are stored once and the service counts them once.
   */
  private async publish<C extends AnyEventContract>(
    contract: C,
    messageId: string,
    payload: PayloadOf<C>,
    auth: AuthContext,
  ): Promise<void> {
    await this.options.bus.publish(contract.subject, {
      messageId,
      occurredAt: new Date().toISOString(),
      context: { ...auth, actor: { type: 'service', id: `connector:${this.options.name}` } },
      payload: parseContract(contract.payload, payload, contract.subject),
    });
  }
}
