type Cleanup = { label: string; run: () => Promise<void> };

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
