/**
 * The categories of personal data a residency section may place apart: the categories a
 * CRM module's data map gives its PII fields (libs/connector).
 */
export const DATA_CATEGORIES = [
  'contact',
  'identity',
  'financial',
  'health',
  'location',
  'behavioral',
  'free_text',
] as const;
