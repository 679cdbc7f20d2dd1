import { CryptoError } from '../errors/crypto.error';
import { countUnderPrefixQuery, likePrefix } from './encrypted-column.queries';

describe('countUnderPrefixQuery', () => {
  const contacts = {
    schema: 'crm',
    table: 'contacts',
    column: 'email',
    companyColumn: 'company_id',
  };

  it('should count every location in one statement, names quoted, values as parameters', () => {
    const sql = countUnderPrefixQuery([
      contacts,
      {
        ...contacts,
        schema: 'dsr',
        table: 'requests',
        column: 'identifiers',
        jsonArrayKey: 'sealed',
      },
    ]);

    expect(sql).toContain('SELECT 0 AS location');
    expect(sql).toContain('FROM "crm"."contacts" t');
    expect(sql).toContain('t."company_id" = $1 AND t."email" LIKE $2');
    expect(sql).toContain('UNION ALL');
    expect(sql).toContain('SELECT 1 AS location');
    expect(sql).toContain(`e.element ->> 'sealed' LIKE $2`);
  });

  it.each([
    ['schema', { ...contacts, schema: 'crm"; DROP TABLE x; --' }],
    ['table', { ...contacts, table: 'Contacts' }],
    ['column', { ...contacts, column: 'email name' }],
    ['company column', { ...contacts, companyColumn: '' }],
    ['json key', { ...contacts, jsonArrayKey: "sealed' OR '1'='1" }],
  ])('should refuse a %s that is not a plain identifier', (_part, location) => {
    expect(() => countUnderPrefixQuery([location])).toThrow(CryptoError);
  });

  it('should refuse an empty list of locations', () => {
    expect(() => countUnderPrefixQuery([])).toThrow(CryptoError);
  });
});

describe('likePrefix', () => {
  it('should match the prefix literally and anything after it', () => {
    expect(likePrefix('v1.0b6f.2.')).toBe('v1.0b6f.2.%');
    expect(likePrefix('a_b%c\\')).toBe('a\\_b\\%c\\\\%');
  });
});
