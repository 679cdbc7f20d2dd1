import { RESIDENCY_CATEGORIES } from '@compliance/contracts';

/**
 * The categories of personal data a residency section may place apart: the categories a
 * CRM module's data map gives its PII fields (libs/connector). One list with the REST
 * contract's, so a placement set by policy and one saved by hand obey the same names.
 */
export const DATA_CATEGORIES = RESIDENCY_CATEGORIES;
