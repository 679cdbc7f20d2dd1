/** A data map that cannot be used, found when it is registered, not mid-erasure. */
export class DataMapError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid data map:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'DataMapError';
  }
}
