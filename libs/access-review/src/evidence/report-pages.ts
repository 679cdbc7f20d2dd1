/**
 * UTF-16 code units per page. A unit is at most 3 bytes of UTF-8, and at most 6 once
 * escaped inside the JSON of a bus reply (a control character as \u00XX), so a page stays
 * under 768 KiB on the wire, below NATS's default 1 MiB message limit.
 */
export const REPORT_PAGE_UNITS = 128 * 1024;

/**
 * Cuts a report's text into pages that join back to the same text. A cut never falls
 * inside a surrogate pair: half an emoji on each side would not survive UTF-8 encoding.
 */
export function splitPages(text: string, unitsPerPage = REPORT_PAGE_UNITS): string[] {
  const pages: string[] = [];
  let start = 0;

  while (start < text.length) {
    let end = Math.min(start + unitsPerPage, text.length);

    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) {
      // Back one unit, unless the page would then be empty: then the pair goes whole.
      end = end - 1 > start ? end - 1 : end + 1;
    }

    pages.push(text.slice(start, end));
    start = end;
  }

  // An empty report is still one page, so a reader always has something to ask for.
  return pages.length > 0 ? pages : [''];
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
