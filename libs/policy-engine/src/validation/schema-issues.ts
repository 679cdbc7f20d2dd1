import Ajv, { ErrorObject, ValidateFunction } from 'ajv';

import { DATA_CATEGORIES } from '../residency/data-categories';
import { COMPLIANCE_POLICY_SCHEMA } from '../schema/compliance-policy.schema';
import { didYouMean } from './did-you-mean';
import { describeValue, IssueInput } from './issue';

const DATE_OR_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

let compiled: ValidateFunction | undefined;

/** Compiled once per process: compiling the schema costs far more than checking a document. */
function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    ajv.addFormat('date-or-date-time', {
      type: 'string',
      validate: (text: string) => DATE_OR_DATE_TIME.test(text) && !Number.isNaN(Date.parse(text)),
    });
    compiled = ajv.compile(COMPLIANCE_POLICY_SCHEMA);
  }

  return compiled;
}

/** Checks a parsed document against the JSON Schema; every problem becomes one issue. */
export function schemaIssues(document: unknown): IssueInput[] {
  const validate = schemaValidator();

  if (validate(document)) {
    return [];
  }

  return (validate.errors ?? [])
    .filter((error) => !isNoise(error))
    .map(toIssueInput)
    .filter(unique());
}

/**
 * ajv reports a failed propertyNames twice: once for the key, once as the inner keyword;
 * and a failed if/then both as the inner keyword (a missing key, say) and as `if`.
 */
function isNoise(error: ErrorObject): boolean {
  return (
    error.keyword === 'if' ||
    (error as ErrorObject & { propertyName?: string }).propertyName !== undefined
  );
}

function toIssueInput(error: ErrorObject): IssueInput {
  const path = toPath(error.instancePath);
  const params = error.params as Record<string, unknown>;

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return {
        path: join(path, key),
        message: `unknown key "${key}"`,
        expected: known.length > 0 ? `one of: ${known.join(', ')}` : 'no keys',
        found: key,
        suggestion: didYouMean(key, known),
        atKey: true,
      };
    }
    case 'required':
      return {
        path,
        message: `missing required key "${String(params.missingProperty)}"`,
        expected: String(params.missingProperty),
        found: 'nothing',
      };
    case 'type':
      return {
        path,
        message: `wrong type: expected ${String(params.type)}`,
        expected: String(params.type),
        found: describeValue(error.data),
      };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      return {
        path,
        message: `${describeKind(error.schemaPath)} ${describeValue(error.data)} is not known`,
        expected: `one of: ${allowed.join(', ')}`,
        found: describeValue(error.data),
        suggestion: typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined,
      };
    }
    case 'const':
      return {
        path,
        message: `must be ${JSON.stringify(params.allowedValue)}`,
        expected: JSON.stringify(params.allowedValue),
        found: describeValue(error.data),
        suggestion:
          typeof error.data === 'string'
            ? didYouMean(error.data, [String(params.allowedValue)])
            : undefined,
      };
    case 'pattern':
      return { path, ...patternProblem(error) };
    case 'propertyNames': {
      const key = String(params.propertyName);

      if (path.endsWith('.categories')) {
        return {
          path: join(path, key),
          message: `unknown data category "${key}"`,
          expected: DATA_CATEGORIES.join(', '),
          found: key,
          suggestion: didYouMean(key, DATA_CATEGORIES),
          atKey: true,
        };
      }

      return {
        path: join(path, key),
        message: `unknown region "${key}"`,
        expected: 'a region code such as eu-west-1',
        found: key,
        atKey: true,
      };
    }
    case 'format':
      return {
        path,
        message: 'not a date',
        expected: 'a date such as 2026-12-31 or 2026-12-31T00:00:00Z',
        found: describeValue(error.data),
      };
    default:
      return {
        path,
        message: error.message ?? `breaks the ${error.keyword} rule`,
        found: describeValue(error.data),
      };
  }
}

function patternProblem(error: ErrorObject): Omit<IssueInput, 'path'> {
  const found = describeValue(error.data);

  if (error.schemaPath.includes('/duration/')) {
    return {
      message: `bad duration ${found}`,
      expected: 'an ISO-8601 duration such as P3Y, P18M or P90D',
      found,
    };
  }

  if (error.schemaPath.includes('/fieldName/')) {
    return { message: `bad field name ${found}`, expected: 'letters, digits and _', found };
  }

  return { message: `bad identifier ${found}`, expected: 'lowercase letters, digits and -', found };
}

function describeKind(schemaPath: string): string {
  if (schemaPath.includes('/region/')) return 'region';
  if (schemaPath.includes('/entity/')) return 'entity';
  return 'value';
}

/** `/spec/retention/rules/0/entity` → `spec.retention.rules[0].entity`. */
function toPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : join(path, part)), '');
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function unique(): (issue: IssueInput) => boolean {
  const seen = new Set<string>();

  return (issue) => {
    const key = `${issue.path}|${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}
