import { ValidationIssue } from '@compliance/contracts';

import { NodePosition } from './source-positions';

export interface IssueInput {
  path: string;
  message: string;
  expected?: string;
  found?: string;
  suggestion?: string;
  /** Point at the key rather than the value (an unknown or misspelt key). */
  atKey?: boolean;
}

export type Locate = (
  path: string,
  atKey?: boolean,
) => { line: number | null; column: number | null };

/** Finds a path's position, falling back to its nearest ancestor that has one. */
export function locator(positions: Map<string, NodePosition>): Locate {
  return (path, atKey = false) => {
    for (let current: string | null = path; current !== null; current = parentOf(current)) {
      const position = positions.get(current);

      if (position) {
        const point = (current === path && atKey && position.key) || position.value;
        return { line: point.line, column: point.column };
      }
    }

    return { line: null, column: null };
  };
}

function parentOf(path: string): string | null {
  if (path === '') {
    return null;
  }

  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut <= 0 ? '' : path.slice(0, cut);
}

export function toIssue(
  severity: ValidationIssue['severity'],
  input: IssueInput,
  locate: Locate,
): ValidationIssue {
  const issue: ValidationIssue = {
    severity,
    message: input.message,
    path: input.path || '(root)',
    ...locate(input.path, input.atKey),
  };

  if (input.expected !== undefined) issue.expected = input.expected;
  if (input.found !== undefined) issue.found = input.found;
  if (input.suggestion !== undefined) issue.suggestion = input.suggestion;
  return issue;
}

/** A short, safe rendering of what the document holds at a path. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value;
}
