import { randomUUID } from 'node:crypto';

import { AuthContext } from '@compliance/contracts';
import { MessageBus, OutboxRelay } from '@compliance/messaging';
import { DatabaseEndpoint, openDataSource } from '@compliance/persistence';
import { DataSource } from 'typeorm';

import { DryRunService } from '../dry-run/dry-run.service';
import { ActivePoliciesRepository } from '../evaluation/active-policies.repository';
import { PolicyLifecycleService } from '../lifecycle/policy-lifecycle.service';
import { POLICY_SCHEMA } from '../migrations/policy.migrations';
import { PoliciesService } from '../policies/policies.service';
import { PolicyEntity } from '../policies/policy.entity';
import { PolicyVersionEntity } from '../policies/policy-version.entity';
import { ResidencyConfigEntity } from '../residency/residency-config.entity';

/** The services an operator drives from outside the policy service, on its database. */
export interface PolicyOperator {
  lifecycle: PolicyLifecycleService;
  policies: PoliciesService;
  dryRuns: DryRunService;
  /** Publishes the events the last changes committed, when the bus is a real broker. */
  publishCommitted(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the policy service's own lifecycle and dry-run classes on a database connection,
 * so an operator's apply or rollback takes the very same path, transaction and audit as a
 * request through the gateway. `bus` carries dry-run impact questions; with NATS the
 * applied event is published at once, otherwise the running platform's relay publishes it
 * from the outbox, since an in-process bus here would reach no one.
 */
export async function openPolicyOperator(
  endpoint: DatabaseEndpoint,
  bus: MessageBus,
): Promise<PolicyOperator> {
  const dataSource: DataSource = await openDataSource({
    endpoint,
    entities: [PolicyEntity, PolicyVersionEntity, ResidencyConfigEntity],
    poolSize: 2,
    applicationName: 'compliance-policy-operator',
  });
  const relay = new OutboxRelay(dataSource, POLICY_SCHEMA, bus, 60_000);
  // Never started: `nudge` after a commit stays a no-op, and publishing is explicit below.
  await relay.stop();

  return {
    lifecycle: new PolicyLifecycleService(dataSource, relay),
    policies: new PoliciesService(dataSource, relay),
    dryRuns: new DryRunService(dataSource, bus, new ActivePoliciesRepository(dataSource)),
    publishCommitted: async () => {
      if (bus.kind === 'nats') {
        await relay.publishPending();
      }
    },
    close: async () => {
      await dataSource.destroy();
    },
  };
}

/** An operator acts for the company it names, as the system, with every right. */
export function operatorAuth(companyId: string, actorId: string): AuthContext {
  return {
    requestId: randomUUID(),
    companyId,
    actor: { type: 'system', id: actorId },
    scopes: ['admin'],
  };
}
