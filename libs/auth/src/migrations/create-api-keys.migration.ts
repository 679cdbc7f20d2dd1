import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApiKeys1733250001000 implements MigrationInterface {
  name = 'CreateApiKeys1733250001000';

  async up(runner: QueryRunner): Promise<void> {
    // `key_hash` is the hex SHA-256 of the whole key. A slow password hash (bcrypt, scrypt)
    // defends guessable secrets; these keys carry 256 random bits, so brute force is out of
    // reach already, and a fast hash keeps every authenticated request cheap.
    await runner.query(`
      CREATE TABLE auth.api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        name text NOT NULL,
        prefix text NOT NULL UNIQUE,
        key_hash text NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        scopes text[] NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await runner.query(
      'CREATE INDEX api_keys_company_idx ON auth.api_keys (company_id, created_at)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE auth.api_keys');
  }
}
