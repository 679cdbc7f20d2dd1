import pino, { DestinationStream, Logger } from 'pino';

import { REDACTED, redactionPaths } from './redaction';
import { currentRequestId } from './request-context';

export type AppLogger = Logger;

let root: Logger = buildRoot('info');

function buildRoot(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactionPaths(), censor: REDACTED },
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    destination,
  );
}

/**
 * Sets the level and, in tests, where lines go. Loggers made before this call keep
 * working: they are children of whatever root is current when they log.
 */
export function configureLogging(level: string, destination?: DestinationStream): void {
  root = buildRoot(level, destination);
}

/**
 * One logger per class, named after it. The child is rebuilt only when the root changes,
 * so a class can hold its logger in a field created before logging is configured.
 */
export function createLogger(component: string): AppLogger {
  let owner: Logger | undefined;
  let child: Logger | undefined;

  const current = (): Logger => {
    if (owner !== root || !child) {
      owner = root;
      child = root.child({ component });
    }

    return child;
  };

  return new Proxy({} as Logger, {
    get(_target, property) {
      const target = current();
      const member = Reflect.get(target, property) as unknown;
      return typeof member === 'function'
        ? (member as (...args: unknown[]) => unknown).bind(target)
        : member;
    },
  });
}
