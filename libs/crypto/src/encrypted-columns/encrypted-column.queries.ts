import { CryptoError } from '../errors/crypto.error';
import { EncryptedColumnLocation } from './encrypted-column-location';

/**
 * The statement that counts a company's values under one key version in every declared
 * column, one row per location in the order given: `$1` the company, `$2` the LIKE pattern
 * of the version's ciphertext prefix (`likePrefix`). Identifiers cannot travel as
 * parameters, so they are checked and quoted here.
 */
export function countUnderPrefixQuery(locations: readonly EncryptedColumnLocation[]): string {
  if (locations.length === 0) {
    throw new CryptoError('invalid_input', 'no encrypted column location to count in');
  }

  return locations.map(countInLocation).join('\n  UNION ALL');
}

/** What every value under `prefix` matches, LIKE's own characters taken literally. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

function countInLocation(location: EncryptedColumnLocation, index: number): string {
  const table = `${quoted(location.schema)}.${quoted(location.table)}`;
  const company = `t.${quoted(location.companyColumn)}`;
  const column = `t.${quoted(location.column)}`;

  if (location.jsonArrayKey === undefined) {
    return `
  SELECT ${index} AS location, count(*)::int AS count FROM ${table} t
  WHERE ${company} = $1 AND ${column} LIKE $2`;
  }

  // Checked like an identifier, the key is safe as a literal; a value that is not an array
  // counts as none rather than failing the whole statement.
  const elements = `CASE WHEN jsonb_typeof(${column}) = 'array' THEN ${column} END`;

  return `
  SELECT ${index} AS location, count(*)::int AS count
  FROM ${table} t CROSS JOIN LATERAL jsonb_array_elements(${elements}) AS e(element)
  WHERE ${company} = $1 AND e.element ->> '${checked(location.jsonArrayKey)}' LIKE $2`;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function checked(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new CryptoError(
      'invalid_input',
      `an encrypted column location needs plain lower-case names, not ${JSON.stringify(name)}`,
    );
  }

  return name;
}

function quoted(name: string): string {
  return `"${checked(name)}"`;
}
