import { configureLogging } from '@compliance/logging';

import { BENCHMARKS } from './registry';

/** Runs one benchmark by name: `node dist/bench/run.js <name>`. */
async function main(name: string | undefined): Promise<number> {
  const benchmark = name ? BENCHMARKS[name] : undefined;

  if (!benchmark) {
    console.error(name ? `unknown benchmark "${name}"` : 'which benchmark?');
    console.error('available:');

    for (const [known, { description }] of Object.entries(BENCHMARKS)) {
      console.error(`  ${known.padEnd(10)} ${description}`);
    }

    return 2;
  }

  // The libraries used to prepare a run log at info; only their problems matter here.
  configureLogging('warn');

  return (await benchmark.run()) ? 0 : 1;
}

main(process.argv[2])
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  });
