import { readFileSync } from 'node:fs';

/** Linux counts process CPU time in clock ticks; 100 per second on every common kernel. */
const TICKS_PER_SECOND = 100;

export type CpuShares = Record<string, number | undefined>;

/**
 * Starts measuring how much CPU each process uses, as a percentage of one core. On a
 * small machine this shows whether a route is slow or merely starved by its neighbours.
 */
export function sampleCpu(pids: Record<string, number | undefined>): () => CpuShares {
  const startedAt = process.hrtime.bigint();
  const before = Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]),
  );

  return () => {
    const elapsedSeconds = Number(process.hrtime.bigint() - startedAt) / 1e9;

    return Object.fromEntries(
      Object.entries(pids).map(([name, pid]) => {
        const start = before[name];
        const end = cpuSeconds(pid);
        const share =
          start === undefined || end === undefined
            ? undefined
            : (100 * (end - start)) / elapsedSeconds;

        return [name, share];
      }),
    );
  };
}

/** User plus system time; undefined where /proc is missing (not Linux) or the pid is gone. */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) {
    return undefined;
  }

  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces, so fields are counted after its closing bracket;
    // utime and stime are fields 14 and 15 of the whole line.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');

    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
