import { SqlParameters } from '../purge/sql-parameters';
import { ConditionError, compileConditions } from './condition.compiler';

describe('compileConditions', () => {
  it('should turn every value into a parameter', () => {
    const parameters = new SqlParameters(['company']);

    const sql = compileConditions(
      [
        { field: 'status', operator: 'eq', value: "x'; DROP TABLE t; --" },
        { field: 'score', operator: 'lt', value: 3 },
        { field: 'region', operator: 'in', value: ['eu', 'us'] },
        { field: 'closed_at', operator: 'is_not_null' },
      ],
      't',
      parameters,
    );

    expect(sql).toBe(
      't."status" = $2 AND t."score" < $3 AND t."region" = ANY($4) AND t."closed_at" IS NOT NULL',
    );
    expect(parameters.values).toEqual(['company', "x'; DROP TABLE t; --", 3, ['eu', 'us']]);
  });

  it('should select everything when there is no condition', () => {
    expect(compileConditions([], 't', new SqlParameters())).toBe('TRUE');
  });

  it('should keep rows with no value when excluding a list', () => {
    const sql = compileConditions(
      [{ field: 'status', operator: 'not_in', value: ['vip'] }],
      't',
      new SqlParameters(),
    );

    expect(sql).toBe('(t."status" IS NULL OR NOT (t."status" = ANY($1)))');
  });

  it('should name the condition whose value does not fit its operator', () => {
    const compile = () =>
      compileConditions(
        [
          { field: 'status', operator: 'eq', value: 'a' },
          { field: 'region', operator: 'in', value: 'eu' },
        ],
        't',
        new SqlParameters(),
      );

    expect(compile).toThrow(ConditionError);
    expect(compile).toThrow(/in needs a list/);
  });

  it('should refuse a field that is not a plain identifier', () => {
    expect(() =>
      compileConditions([{ field: 'a"; drop', operator: 'is_null' }], 't', new SqlParameters()),
    ).toThrow(/not a safe SQL identifier/);
  });
});
