import { JetStreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';

/** Every durable event subject starts with this; the stream captures all of them. */
export const EVENT_SUBJECT_ROOT = 'compliance.events';

const TWO_MINUTES_NS = 2 * 60 * 1_000_000_000;
const THIRTY_DAYS_NS = 30 * 24 * 60 * 60 * 1_000_000_000;

/**
 * Creates the event stream, or leaves an existing one as it is. Safe to run from every
 * replica at every start.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  name: string,
  subjectRoot: string,
): Promise<void> {
  const subjects = [`${subjectRoot}.>`];

  try {
    await jsm.streams.info(name);
  } catch {
    await jsm.streams.add({
      name,
      subjects,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: THIRTY_DAYS_NS,
      duplicate_window: TWO_MINUTES_NS,
    });
  }
}
