/**
 * The categories a CRM module's data map gives its personal data fields. Residency places
 * them apart by the same names, so a data map and a residency configuration cannot drift.
 */
export const PII_CATEGORIES = [
  'contact',
  'identity',
  'financial',
  'health',
  'location',
  'behavioral',
  'free_text',
] as const;

export type PiiCategory = (typeof PII_CATEGORIES)[number];
