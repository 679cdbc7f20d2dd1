import { ValidationIssue, ValidationResult } from '@compliance/contracts';
import { constructFromEvents, Event, parseEvents, YAMLException } from 'js-yaml';

import { locator, toIssue } from './issue';
import { schemaIssues } from './schema-issues';
import { semanticChecks } from './semantic-checks';
import { mapPositions } from './source-positions';

export interface ValidationOptions {
  /** The clock exceptions expire against; tests pin it. */
  now?: Date;
}

/** What validation learnt besides the verdict: the parsed document, when there is one. */
export interface ParsedPolicy extends ValidationResult {
  document: unknown;
}

/** Policies need no deep nesting or alias trees; the limits keep hostile input cheap. */
const MAX_DEPTH = 32;
const MAX_ALIASES = 20;

/**
 * Validates a policy document without storing it. Every problem is reported at once, each
 * with its line, column and path; warnings are kept apart from errors.
 */
export function validatePolicy(source: string, options: ValidationOptions = {}): ParsedPolicy {
  let events: Event[];
  let document: unknown;

  try {
    events = parseEvents(source, { maxDepth: MAX_DEPTH });
    const documents = constructFromEvents(events, { source, maxAliases: MAX_ALIASES });

    if (documents.length > 1) {
      return failed([
        plainIssue('(root)', 'one policy per file: the source holds several YAML documents', 1),
      ]);
    }
    document = documents[0];
  } catch (error) {
    if (error instanceof YAMLException) {
      return failed([syntaxIssue(error)]);
    }
    throw error;
  }

  if (document === undefined || document === null) {
    return failed([
      plainIssue('(root)', 'the document is empty', null, 'a CompliancePolicy mapping'),
    ]);
  }

  const locate = locator(mapPositions(source, events));
  const semantic = semanticChecks(document, options.now ?? new Date());
  const errors = [...schemaIssues(document), ...semantic.errors].map((input) =>
    toIssue('error', input, locate),
  );
  const warnings = semantic.warnings.map((input) => toIssue('warning', input, locate));

  return {
    valid: errors.length === 0,
    errors: sortByPosition(errors),
    warnings: sortByPosition(warnings),
    document,
  };
}

function failed(errors: ValidationIssue[]): ParsedPolicy {
  return { valid: false, errors, warnings: [], document: undefined };
}

function syntaxIssue(error: YAMLException): ValidationIssue {
  return {
    severity: 'error',
    message: `YAML syntax error: ${error.reason}`,
    path: '(root)',
    // js-yaml counts from zero; editors count from one.
    line: error.mark ? error.mark.line + 1 : null,
    column: error.mark ? error.mark.column + 1 : null,
  };
}

function plainIssue(
  path: string,
  message: string,
  line: number | null,
  expected?: string,
): ValidationIssue {
  const issue: ValidationIssue = { severity: 'error', message, path, line, column: line && 1 };
  if (expected) issue.expected = expected;
  return issue;
}

function sortByPosition(issues: ValidationIssue[]): ValidationIssue[] {
  return issues.sort(
    (a, b) =>
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.path.localeCompare(b.path),
  );
}
