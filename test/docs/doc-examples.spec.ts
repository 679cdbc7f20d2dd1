import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DocExample, EXAMPLES_DIR, renderExample } from '@compliance/testing';

const DOCS_DIR = join(__dirname, '..', '..', 'docs');
const MARKER = /<!-- example: ([a-z0-9-]+) -->\n+```http\n([\s\S]*?)\n?```/g;

function guides(): { file: string; text: string }[] {
  return readdirSync(DOCS_DIR)
    .filter((file) => file.endsWith('.md'))
    .map((file) => ({ file, text: readFileSync(join(DOCS_DIR, file), 'utf8') }));
}

function recorded(name: string): DocExample {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, `${name}.json`), 'utf8')) as DocExample;
}

/** With UPDATE_DOC_EXAMPLES=1 the guides' blocks are rewritten from the recorded files. */
function rewriteGuides(): void {
  for (const { file, text } of guides()) {
    const updated = text.replace(
      MARKER,
      (_block, name: string) =>
        `<!-- example: ${name} -->\n\n\`\`\`http\n${renderExample(recorded(name))}\n\`\`\``,
    );
    writeFileSync(join(DOCS_DIR, file), updated);
  }
}

describe('documentation examples', () => {
  if (process.env.UPDATE_DOC_EXAMPLES === '1') {
    rewriteGuides();
  }

  const quoted = guides().flatMap(({ file, text }) =>
    [...text.matchAll(MARKER)].map((match) => ({ file, name: match[1], block: match[2] })),
  );

  it('should quote examples in the guides', () => {
    expect(quoted.length).toBeGreaterThan(0);
  });

  it.each(quoted.map((q) => [`${q.file}: ${q.name}`, q] as const))(
    'should quote %s exactly as the tests recorded it',
    (_label, { name, block }) => {
      expect(block).toBe(renderExample(recorded(name)));
    },
  );

  it('should quote every recorded example somewhere', () => {
    const names = new Set(quoted.map((q) => q.name));
    const files = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json'));

    expect(files.map((file) => file.replace(/\.json$/, '')).filter((n) => !names.has(n))).toEqual(
      [],
    );
  });
});
