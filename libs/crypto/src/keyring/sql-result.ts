import { EntityManager } from 'typeorm';

/**
 * Rows of any statement: with `useStructuredResult` TypeORM reports the rows an UPDATE
 * returns the same way as a SELECT's, instead of as a tuple.
 */
export async function rowsOf<T = unknown>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  return (await structuredQuery(manager, sql, parameters)).records as T[];
}

/** How many rows a statement without RETURNING changed. */
export async function affectedBy(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<number> {
  return (await structuredQuery(manager, sql, parameters)).affected ?? 0;
}

async function structuredQuery(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<{ records: unknown[]; affected?: number }> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();

  try {
    const result = await runner.query(sql, parameters, true);
    return { records: result.records ?? [], affected: result.affected };
  } finally {
    if (!manager.queryRunner) {
      await runner.release();
    }
  }
}
