/** How long one side of a pair runs: short, so both sides of a pair see the same machine. */
export const TURN_SECONDS = 0.1;

export interface PairedComparison {
  /** Median operations per second of each side over its turns. */
  candidate: number;
  baseline: number;
  /** Median of the per-pair ratios, candidate over baseline. */
  ratio: number;
  pairs: number;
}

/**
 * Candidate against baseline in many short alternating turns (ABBA, so neither side always
 * goes first). On a shared machine the speed of both drifts by a third within seconds;
 * each pair's ratio is taken while both ran under the same drift, and the median of those
 * ratios is the figure, not the ratio of two rates measured apart.
 */
export async function comparePaired(
  seconds: number,
  candidate: () => unknown,
  baseline: () => unknown,
): Promise<PairedComparison> {
  const pairs = Math.max(4, Math.round(seconds / (2 * TURN_SECONDS)));
  const candidateRates: number[] = [];
  const baselineRates: number[] = [];
  const ratios: number[] = [];

  for (let pair = 0; pair < pairs; pair += 1) {
    const candidateFirst = pair % 2 === 0;
    const first = await opsPerSecond(TURN_SECONDS, candidateFirst ? candidate : baseline);
    const second = await opsPerSecond(TURN_SECONDS, candidateFirst ? baseline : candidate);
    const [candidateRate, baselineRate] = candidateFirst ? [first, second] : [second, first];

    candidateRates.push(candidateRate);
    baselineRates.push(baselineRate);
    ratios.push(candidateRate / baselineRate);
  }

  return {
    candidate: median(candidateRates),
    baseline: median(baselineRates),
    ratio: median(ratios),
    pairs,
  };
}

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
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
