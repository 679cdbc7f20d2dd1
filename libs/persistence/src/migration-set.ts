import { MigrationInterface } from 'typeorm';

/** The migrations of one schema, recorded in that schema's own `migrations` table. */
export interface MigrationSet {
  schema: string;
  migrations: (new () => MigrationInterface)[];
}
