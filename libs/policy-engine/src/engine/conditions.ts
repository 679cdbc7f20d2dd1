import { Condition } from './policy-document.types';

export type Attributes = Readonly<Record<string, unknown>>;

/** True when a record's attributes meet every condition (an empty list always matches). */
export function matchesAll(conditions: readonly Condition[], attributes: Attributes): boolean {
  for (const condition of conditions) {
    if (!matches(condition, attributes[condition.field])) {
      return false;
    }
  }

  return true;
}

function matches(condition: Condition, actual: unknown): boolean {
  const expected = condition.value;

  switch (condition.operator) {
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'notExists':
      return actual === undefined || actual === null;
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'in':
      return Array.isArray(expected) && expected.includes(actual as string);
    case 'notIn':
      return Array.isArray(expected) && !expected.includes(actual as string);
    default:
      return compare(condition.operator, actual, expected);
  }
}

/** Numbers compare as numbers, dates and other strings as text (ISO dates sort as text). */
function compare(
  operator: 'lt' | 'lte' | 'gt' | 'gte',
  actual: unknown,
  expected: unknown,
): boolean {
  const comparable =
    (typeof actual === 'number' && typeof expected === 'number') ||
    (typeof actual === 'string' && typeof expected === 'string');

  if (!comparable) {
    return false;
  }

  const a = actual;
  const b = expected;
  if (operator === 'lt') return a < b;
  if (operator === 'lte') return a <= b;
  if (operator === 'gt') return a > b;
  return a >= b;
}
