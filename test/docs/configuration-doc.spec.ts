import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { envSchema } from '@compliance/config';

/**
 * docs/configuration.md is rendered from .env.example, which the deployment tests already
 * hold to the schema, so the reference cannot drift from what the platform reads. With
 * UPDATE_DOC_EXAMPLES=1 the page is rewritten.
 */
const ROOT = join(__dirname, '..', '..');
const PAGE = join(ROOT, 'docs', 'configuration.md');

interface Variable {
  name: string;
  value: string;
  /** A commented-out line: no default, the value is only an example. */
  unset: boolean;
  comment: string;
}

interface Group {
  title: string;
  variables: Variable[];
}

function parseEnvExample(text: string): Group[] {
  const groups: Group[] = [];
  let comment: string[] = [];

  for (const line of text.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    const assignment = /^(# )?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);

    if (heading) {
      groups.push({ title: heading[1], variables: [] });
      comment = [];
    } else if (assignment && groups.length > 0) {
      groups[groups.length - 1].variables.push({
        name: assignment[2],
        value: assignment[3],
        unset: assignment[1] !== undefined,
        comment: comment.join(' '),
      });
      comment = [];
    } else if (line.startsWith('# ') && groups.length > 0) {
      comment.push(line.slice(2).trim());
    } else {
      comment = [];
    }
  }

  return groups;
}

function render(groups: Group[]): string {
  const sections = groups.map((group) => {
    const rows = group.variables.map(({ name, value, unset, comment }) => {
      const example = value === '' ? '' : `, e.g. \`${value}\``;
      const shown = unset || value === '' ? `(unset${example})` : `\`${value}\``;
      return `| \`${name}\` | ${shown} | ${comment.replace(/\|/g, '\\|')} |`;
    });

    return [
      `## ${group.title}`,
      '',
      '| variable | default | meaning |',
      '| --- | --- | --- |',
      ...rows,
    ].join('\n');
  });

  return [
    '# Configuration reference',
    '',
    'Every setting is an environment variable, validated once at start-up: a bad or missing',
    'value stops the process with a message naming it. An empty value counts as unset.',
    '[secret] marks values that must come from a secret store, never from a committed file.',
    'This page is generated from `.env.example`; the tests keep the two, and the schema, in step.',
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n');
}

describe('configuration reference', () => {
  const groups = parseEnvExample(readFileSync(join(ROOT, '.env.example'), 'utf8'));
  const rendered = render(groups);

  if (process.env.UPDATE_DOC_EXAMPLES === '1') {
    writeFileSync(PAGE, rendered);
  }

  it('should document every variable the platform reads', () => {
    const documented = groups.flatMap((group) => group.variables.map((v) => v.name));

    for (const name of Object.keys(envSchema.shape)) {
      expect(documented).toContain(name);
    }
  });

  it('should match what .env.example says', () => {
    expect(readFileSync(PAGE, 'utf8')).toBe(rendered);
  });
});
