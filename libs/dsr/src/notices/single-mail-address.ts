import { z } from 'zod';

/**
 * One bare address, checked as the company's contact address is on input. An identifier
 * is free text from intake: a comma or a line break in it would send a notice to further
 * recipients, or add headers, so anything but a single address is refused.
 */
const singleAddress = z.email().max(320);

export function isSingleMailAddress(value: string): boolean {
  return singleAddress.safeParse(value).success;
}
