import { ValidationIssue, ValidationResult } from '@compliance/contracts';

/** One line per issue, `file:line:column`, so editors and CI logs can jump to it. */
export function formatValidation(file: string, result: ValidationResult): string[] {
  const lines = [
    ...result.errors.map((issue) => formatIssue(file, issue)),
    ...result.warnings.map((issue) => formatIssue(file, issue)),
  ];
  const verdict = result.valid ? 'valid' : 'invalid';

  lines.push(
    `${file}: ${verdict} (${count(result.errors.length, 'error')}, ` +
      `${count(result.warnings.length, 'warning')})`,
  );
  return lines;
}

function formatIssue(file: string, issue: ValidationIssue): string {
  const where = [file, issue.line, issue.column].filter((part) => part !== null).join(':');
  const hints = [
    issue.expected !== undefined ? `expected ${issue.expected}` : undefined,
    issue.found !== undefined ? `found ${issue.found}` : undefined,
    issue.suggestion !== undefined ? `did you mean "${issue.suggestion}"?` : undefined,
  ].filter((hint) => hint !== undefined);

  return (
    `${where}: ${issue.severity} at ${issue.path}: ${issue.message}` +
    (hints.length > 0 ? ` (${hints.join('; ')})` : '')
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
