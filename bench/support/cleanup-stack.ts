type Cleanup = { label: string; run: () => Promise<void> };

const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * What a benchmark must undo, undone in reverse order. Every step runs even when an
 * earlier one fails, so one stuck process does not leave a database behind.
 */
export class CleanupStack {
  private readonly steps: Cleanup[] = [];
  private running: Promise<string[]> | undefined;

  defer(label: string, run: () => Promise<void>): void {
    this.steps.push({ label, run });
  }

  /** Runs once; a second call (a signal during cleanup) waits for the first. */
  runAll(): Promise<string[]> {
    this.running ??= this.unwind();
    return this.running;
  }

  /**
   * Ctrl-C in the middle of a run still drops the database and stops the children.
   * Returns the function that removes the handlers again.
   */
  cleanUpOnSignals(): () => void {
    const handlers = Object.entries(SIGNAL_EXIT_CODES).map(([signal, code]) => {
      const handler = () => {
        process.stderr.write(`\n${signal}: cleaning up\n`);
        void this.runAll().finally(() => process.exit(code));
      };

      process.once(signal, handler);
      return () => process.off(signal, handler);
    });

    return () => handlers.forEach((remove) => remove());
  }

  private async unwind(): Promise<string[]> {
    const failures: string[] = [];

    for (const step of this.steps.reverse()) {
      try {
        await step.run();
      } catch (error) {
        failures.push(`${step.label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    return failures;
  }
}
