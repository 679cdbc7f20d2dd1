import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { validatePolicy } from '@compliance/policy-engine';

/** Exceptions in the examples expire in 2099; the clock is pinned so results never drift. */
const NOW = new Date('2026-01-01T00:00:00Z');

const folder = (name: string) => join(__dirname, name);
const yamlFiles = (name: string) =>
  readdirSync(folder(name))
    .filter((file) => file.endsWith('.yaml'))
    .sort();

interface ExpectedIssue {
  line: number | null;
  column: number | null;
  path: string;
  message: string;
}

function reported(file: string): ExpectedIssue[] {
  const result = validatePolicy(readFileSync(file, 'utf8'), { now: NOW });
  return result.errors.map(({ line, column, path, message }) => ({ line, column, path, message }));
}

describe('policy examples', () => {
  it('should hold at least 50 invalid examples, each with its expected errors', () => {
    const invalid = yamlFiles('invalid');

    expect(invalid.length).toBeGreaterThanOrEqual(50);
    for (const file of invalid) {
      const expected = join(folder('invalid'), file.replace(/\.yaml$/, '.expected.json'));
      expect(() => readFileSync(expected)).not.toThrow();
    }
  });

  it.each(yamlFiles('valid'))('should accept the valid example %s', (file) => {
    const result = validatePolicy(readFileSync(join(folder('valid'), file), 'utf8'), { now: NOW });

    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it.each(yamlFiles('invalid'))('should report the expected errors for %s', (file) => {
    const path = join(folder('invalid'), file);
    const expected = JSON.parse(
      readFileSync(path.replace(/\.yaml$/, '.expected.json'), 'utf8'),
    ) as { errors: ExpectedIssue[] };

    expect(expected.errors.length).toBeGreaterThan(0);
    expect(reported(path)).toEqual(expected.errors);
  });
});
