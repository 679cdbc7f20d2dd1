/** The CLI's own output: results to stdout, problems to stderr, nothing else. */
export const output = {
  line(text: string): void {
    process.stdout.write(`${text}\n`);
  },
  json(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  },
  error(text: string): void {
    process.stderr.write(`${text}\n`);
  },
};
