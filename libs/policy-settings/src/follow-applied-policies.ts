import { claimMessage } from '@compliance/messaging';
import { DataSource, EntityManager } from 'typeorm';

import { settleDerivedSettings } from './settle-derived-settings';

export interface FollowedPolicies<S, R> {
  dataSource: DataSource;
  /** The schema whose claimed-message table the consumer keeps, and the consumer's name. */
  schema: string;
  consumer: string;
  messageId: string;
  /** What the company's active policies ask for, from a fresh read over the bus. */
  derive(): Promise<S>;
  /** Stores it, with its audit entry, in the transaction given. */
  store(manager: EntityManager, settings: S): Promise<R>;
}

export interface FollowOutcome<R> {
  /** False when an earlier delivery of the event had claimed it already. */
  claimed: boolean;
  /** What the claimed write answered; undefined when the event was claimed before. */
  stored: R | undefined;
  /** Writes made after the first because a later read disagreed. */
  rewrites: number;
}

/**
 * A policy-applied event handled by a service that keeps settings derived from the
 * company's policies: read, then claim the event and store in one transaction, then settle.
 *
 * The read comes before the transaction: a slow policy service must not hold a connection,
 * and on the embedded database a transaction holds the one session the policy service needs
 * to answer. A failed read throws, and the event comes back later. Since another replica
 * may write a newer state between this read and this commit, the handler then settles (see
 * `settleDerivedSettings`); a message claimed already settles too, as its earlier delivery
 * may have given up.
 */
export async function followAppliedPolicies<S, R>(
  steps: FollowedPolicies<S, R>,
): Promise<FollowOutcome<R>> {
  const settings = await steps.derive();

  const claim = await steps.dataSource.transaction(async (manager) => {
    if (!(await claimMessage(manager, steps.schema, steps.consumer, steps.messageId))) {
      return undefined;
    }

    return { stored: await steps.store(manager, settings) };
  });

  const rewrites = await settleDerivedSettings({
    written: claim ? settings : undefined,
    derive: () => steps.derive(),
    write: async (fresh) => {
      await steps.dataSource.transaction((manager) => steps.store(manager, fresh));
    },
  });

  return { claimed: claim !== undefined, stored: claim?.stored, rewrites };
}
