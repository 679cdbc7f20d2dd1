import { splitPages } from './report-pages';

describe('splitPages', () => {
  it('should cut into pages of the given size that join back to the text', () => {
    const text = 'abcdefghij';

    // 10 units in pages of 4: 4 + 4 + 2.
    expect(splitPages(text, 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(splitPages(text, 4).join('')).toBe(text);
  });

  it('should never split a surrogate pair between two pages', () => {
    // "ab🎉c": the emoji is two units at 2 and 3; a cut after 3 units would halve it, so
    // the first page ends before it (2 units) and the emoji starts the second.
    const pages = splitPages('ab🎉c', 3);

    expect(pages).toEqual(['ab', '🎉c']);
    expect(Buffer.concat(pages.map((page) => Buffer.from(page, 'utf8'))).toString('utf8')).toBe(
      'ab🎉c',
    );
  });

  it('should give one empty page for an empty text', () => {
    expect(splitPages('', 4)).toEqual(['']);
  });
});
