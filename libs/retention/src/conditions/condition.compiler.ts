import { RetentionCondition } from '@compliance/contracts';

import { quoteIdentifier, SqlParameters } from '../purge/sql-parameters';

const COMPARISONS = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/** A condition that cannot be compiled, with the index of the offending entry. */
export class ConditionError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConditionError';
  }
}

/** Rejects a value that does not fit its operator before anything reaches SQL. */
export function checkConditions(conditions: readonly RetentionCondition[]): void {
  conditions.forEach((condition, index) => {
    const isList = Array.isArray(condition.value);
    const { operator } = condition;

    if (operator === 'is_null' || operator === 'is_not_null') {
      if (condition.value !== undefined) {
        throw new ConditionError(index, `${operator} takes no value`);
      }
    } else if (operator === 'in' || operator === 'not_in') {
      if (!isList) throw new ConditionError(index, `${operator} needs a list of values`);
    } else if (condition.value === undefined || isList) {
      throw new ConditionError(index, `${operator} needs a single value`);
    }
  });
}

/**
 * Typed filter conditions as one SQL predicate over `alias`, every value a parameter.
 * No condition at all selects everything.
 */
export function compileConditions(
  conditions: readonly RetentionCondition[],
  alias: string,
  parameters: SqlParameters,
): string {
  checkConditions(conditions);

  if (conditions.length === 0) {
    return 'TRUE';
  }

  return conditions
    .map((condition) =>
      compileOne(condition, `${alias}.${quoteIdentifier(condition.field)}`, parameters),
    )
    .join(' AND ');
}

function compileOne(
  condition: RetentionCondition,
  column: string,
  parameters: SqlParameters,
): string {
  switch (condition.operator) {
    case 'is_null':
      return `${column} IS NULL`;
    case 'is_not_null':
      return `${column} IS NOT NULL`;
    case 'in':
      return `${column} = ANY(${parameters.add(condition.value)})`;
    case 'not_in':
      return `(${column} IS NULL OR NOT (${column} = ANY(${parameters.add(condition.value)})))`;
    case 'neq':
      return `${column} IS DISTINCT FROM ${parameters.add(condition.value)}`;
    default:
      return `${column} ${COMPARISONS[condition.operator]} ${parameters.add(condition.value)}`;
  }
}
