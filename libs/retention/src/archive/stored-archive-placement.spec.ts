import { archivePrefix } from './stored-archive-placement';

const COMPANY = '6f1c2a9e-3f0b-4c8e-9a53-2f7d1c4b8e10';

describe('archivePrefix', () => {
  it('should keep a company without residency under its id alone', () => {
    expect(archivePrefix(COMPANY, null)).toBe(COMPANY);
  });

  it('should put the region, then the prefix, then the company', () => {
    expect(archivePrefix(COMPANY, { region: 'eu-west-1', prefix: 'acme/archives/' })).toBe(
      `eu-west-1/acme/archives/${COMPANY}`,
    );
    expect(archivePrefix(COMPANY, { region: 'eu-west-1', prefix: null })).toBe(
      `eu-west-1/${COMPANY}`,
    );
  });

  it('should drop a URL scheme and never leave an empty or climbing segment', () => {
    expect(archivePrefix(COMPANY, { region: 'eu-west-1', prefix: 's3://acme-eu//x/' })).toBe(
      `eu-west-1/acme-eu/x/${COMPANY}`,
    );
    expect(archivePrefix(COMPANY, { region: 'eu-west-1', prefix: '../../etc' })).toBe(
      `eu-west-1/%2E%2E/%2E%2E/etc/${COMPANY}`,
    );
    expect(archivePrefix(COMPANY, { region: 'eu west', prefix: 'a b' })).toBe(
      `eu%20west/a%20b/${COMPANY}`,
    );
  });
});
