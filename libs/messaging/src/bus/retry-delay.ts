/** Exponential back-off for redelivery: 1 s, 2 s, 4 s ... capped at five minutes. */
export function retryDelayMs(attempt: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 20));
  return Math.min(1000 * 2 ** exponent, 5 * 60 * 1000);
}
