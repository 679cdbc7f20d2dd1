export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/**
 * Unpadded base64url, decoded only when it is the one canonical spelling of its bytes.
 * Node's own decoder skips stray characters, reads `+` and `/` too and ignores spare bits,
 * so a value that was altered could otherwise decode to the same bytes. Encoding back
 * yields only the canonical spelling, so comparing with it refuses every other one.
 */
export function fromBase64Url(text: string): Buffer | undefined {
  if (text.length % 4 === 1) {
    return undefined;
  }

  const bytes = Buffer.from(text, 'base64url');

  return bytes.toString('base64url') === text ? bytes : undefined;
}
