/**
 * Joins concurrent callers of the same async step: the first runs it, the others await
 * its result, so a hundred fields arriving together cause one database read or unwrap.
 */
export class InFlight {
  private readonly running = new Map<string, Promise<unknown>>();

  run<T>(id: string, step: () => Promise<T>): Promise<T> {
    const known = this.running.get(id);

    if (known) {
      return known as Promise<T>;
    }

    const started = step().finally(() => this.running.delete(id));
    this.running.set(id, started);

    return started;
  }
}
