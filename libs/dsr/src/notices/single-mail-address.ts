import { dsrMailAddressSchema } from '@compliance/contracts';

/**
 * One bare address, by the rule intake checks email identifiers with and the contact
 * address is set with. A value stored before intake checked it may still be free text: a
 * comma or a line break in it would send a notice to further recipients, or add headers,
 * so anything but a single address is refused.
 */
export function isSingleMailAddress(value: string): boolean {
  return dsrMailAddressSchema.safeParse(value).success;
}
