/**
 * A key provider that must not start. Thrown at start-up, before any value is written,
 * and names the setting to fix, never its value.
 */
export class KeyConfigurationError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'KeyConfigurationError';
  }
}
