/** Text a spreadsheet would run as a formula when the cell starts with it. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV line (RFC 4180): fields with a comma, quote or line break are quoted, quotes
 * doubled. Text that a spreadsheet would take for a formula gets a leading apostrophe,
 * so opening a subject's own export can never run anything.
 */
export function csvLine(values: unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }

  let text = typeof value === 'object' ? JSON.stringify(value) : `${value as string | number}`;

  if (typeof value === 'string' && FORMULA_START.test(text)) {
    text = `'${text}`;
  }

  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
