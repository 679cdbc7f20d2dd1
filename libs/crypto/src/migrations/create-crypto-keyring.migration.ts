import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The keyring. No column holds a usable key: data keys are stored wrapped by a KEK that
 * lives in the provider (or is derived from a secret the process holds), except the
 * development-only generated root, which the provider refuses to create in production.
 */
export class CreateCryptoKeyring1733400000000 implements MigrationInterface {
  name = 'CreateCryptoKeyring1733400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE crypto.local_keyring (
        provider_id text PRIMARY KEY CHECK (char_length(provider_id) BETWEEN 1 AND 200),
        kdf text NOT NULL CHECK (kdf IN ('hkdf-sha256', 'pbkdf2-sha256', 'generated')),
        kdf_iterations integer CHECK (kdf_iterations >= 600000),
        salt bytea NOT NULL CHECK (octet_length(salt) >= 16),
        check_value bytea CHECK (octet_length(check_value) = 32),
        generated_key bytea CHECK (octet_length(generated_key) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kdf = 'pbkdf2-sha256') = (kdf_iterations IS NOT NULL)),
        CHECK ((kdf = 'generated') = (generated_key IS NOT NULL))
      )`);

    await runner.query(`
      CREATE TABLE crypto.kek_versions (
        provider_id text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_id, version)
      )`);

    // A value names its key set and version; a destroyed set stays as a tombstone so such a
    // value fails as "key destroyed" rather than as an unknown key.
    await runner.query(`
      CREATE TABLE crypto.key_sets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        subject_id text CHECK (char_length(subject_id) BETWEEN 1 AND 256),
        purpose text NOT NULL CHECK (purpose IN ('data', 'index')),
        min_version integer NOT NULL DEFAULT 1 CHECK (min_version >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        destroyed_at timestamptz,
        CONSTRAINT key_sets_scope_key UNIQUE NULLS NOT DISTINCT (company_id, subject_id, purpose),
        CHECK (purpose = 'data' OR subject_id IS NULL)
      )`);

    await runner.query(`
      CREATE TABLE crypto.data_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key_set_id uuid NOT NULL REFERENCES crypto.key_sets (id),
        company_id uuid NOT NULL,
        subject_id text,
        version integer NOT NULL CHECK (version >= 1),
        kek_provider text NOT NULL,
        kek_version integer NOT NULL CHECK (kek_version >= 1),
        wrapped_key bytea NOT NULL,
        encryption_count bigint NOT NULL DEFAULT 0 CHECK (encryption_count >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        rewrapped_at timestamptz,
        retired_at timestamptz,
        CONSTRAINT data_keys_version_key UNIQUE (key_set_id, version)
      )`);

    // Rotation pages through a company's keys, or all keys under an old KEK.
    await runner.query('CREATE INDEX data_keys_company_idx ON crypto.data_keys (company_id, id)');
    await runner.query(
      'CREATE INDEX data_keys_kek_idx ON crypto.data_keys (kek_provider, kek_version)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'DROP TABLE crypto.data_keys, crypto.key_sets, crypto.kek_versions, crypto.local_keyring',
    );
  }
}
