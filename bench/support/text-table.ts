/** A plain-text table; the first column is left-aligned, the numbers right-aligned. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );

  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
      )
      .join('  ');

  const rule = widths.map((width) => '-'.repeat(width)).join('  ');

  return [line(header), rule, ...rows.map(line)].join('\n');
}
