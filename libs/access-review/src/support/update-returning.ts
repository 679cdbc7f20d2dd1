import { EntityManager } from 'typeorm';

/**
 * The rows an UPDATE or DELETE ... RETURNING gave back. TypeORM answers either on
 * PostgreSQL with `[rows, affected]` rather than the rows alone, unlike a SELECT or an INSERT.
 */
export async function updateReturning<Row>(
  manager: Pick<EntityManager, 'query'>,
  sql: string,
  parameters: unknown[],
): Promise<Row[]> {
  const result: unknown = await manager.query(sql, parameters);

  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0])) {
    return result[0] as Row[];
  }

  return result as Row[];
}
