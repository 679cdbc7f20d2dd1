import { isDeepStrictEqual } from 'node:util';

import { ServiceError } from '@compliance/contracts';

/** Fresh reads a handler takes after its writes before it gives the event back. */
export const SETTLE_MAX_READS = 5;

export interface SettleSteps<S> {
  /** What this delivery stored, or undefined when it stored nothing (its claim was taken). */
  written: S | undefined;
  /** The settings a fresh read of the active policies gives; called outside any transaction. */
  derive(): Promise<S>;
  /** Stores the settings with their audit entry, in a transaction of its own. */
  write(settings: S): Promise<void>;
}

/**
 * Run by a policy-applied handler after its write has committed, so a handler that read an
 * older state than another replica wrote cannot leave it in place. It reads again and,
 * while the answer differs from its last write, writes that answer and reads again.
 *
 * Why the last writer leaves settings a later read agrees with: every write commits before
 * the read that checks it, and a handler returns only when that read gives exactly what it
 * wrote last. Take the write that commits last for a company: had its check disagreed, the
 * handler would have written again and that write would not be the last, so the check
 * agreed, and the stored settings are what a read taken after every write gives. A policy
 * applied after that read sends an event of its own, whose handler writes after it.
 *
 * A handler that runs out of reads, or whose read fails, throws with its last write
 * unchecked, and the event comes back. Its claim is taken by then, so the controllers run
 * this step for a claimed message too, with nothing written: it writes a fresh read first,
 * and the argument holds again.
 * An event delivered twice thus costs one more audited write, of the same settings when
 * nothing changed, the price of never trusting a write no read confirmed.
 *
 * Reads go over the bus, so this runs outside any transaction: on the embedded database a
 * transaction holds the one session the policy service needs to answer.
 *
 * Returns how many writes it made.
 */
export async function settleDerivedSettings<S>(
  steps: SettleSteps<S>,
  maxReads = SETTLE_MAX_READS,
): Promise<number> {
  let written = steps.written;
  let writes = 0;

  for (let read = 0; read < maxReads; read += 1) {
    const fresh = await steps.derive();

    if (written !== undefined && isDeepStrictEqual(fresh, written)) {
      return writes;
    }

    await steps.write(fresh);
    written = fresh;
    writes += 1;
  }

  throw new ServiceError(
    'conflict',
    `the active policies read differently ${maxReads} times in a row; the event comes back`,
  );
}
