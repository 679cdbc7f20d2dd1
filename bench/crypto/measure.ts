/** Operations per second of `work` over about `seconds`, awaiting it only when it is async. */
export async function opsPerSecond(seconds: number, work: () => unknown): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let operations = 0;
  const started = performance.now();

  while (performance.now() < deadline) {
    // Batches of 100 keep the clock out of the measurement.
    for (let index = 0; index < 100; index += 1) {
      const result = work();

      if (result instanceof Promise) {
        await result;
      }
    }
    operations += 100;
  }

  return operations / ((performance.now() - started) / 1000);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
