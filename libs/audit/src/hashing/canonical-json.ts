/**
 * JSON with object keys sorted at every depth and no whitespace, so equal values always
 * serialise to the same text and can be hashed. Otherwise it follows `JSON.stringify`:
 * `toJSON` is honoured, non-finite numbers become null, and undefined or function values
 * are dropped from objects and become null in arrays. Keys sort by UTF-16 code unit, which
 * is what `Array.prototype.sort` does and needs no locale.
 */
export function canonicalJson(value: unknown): string {
  const text = serialise(value, new Set());

  if (text === undefined) {
    throw new Error(`canonicalJson: a value of type ${typeof value} has no JSON form`);
  }

  return text;
}

function serialise(input: unknown, ancestors: Set<object>): string | undefined {
  const value = withToJson(input);

  if (value === null || typeof value !== 'object') {
    return serialiseScalar(value);
  }

  if (ancestors.has(value)) {
    throw new Error('canonicalJson: value is circular');
  }

  ancestors.add(value);
  const text = Array.isArray(value)
    ? serialiseArray(value, ancestors)
    : serialiseObject(value as Record<string, unknown>, ancestors);
  ancestors.delete(value);

  return text;
}

function serialiseScalar(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      throw new Error('canonicalJson: bigint has no JSON form');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      // Only null gets here: every other object is serialised by the caller.
      return 'null';
  }
}

function serialiseArray(items: unknown[], ancestors: Set<object>): string {
  return `[${items.map((item) => serialise(item, ancestors) ?? 'null').join(',')}]`;
}

function serialiseObject(object: Record<string, unknown>, ancestors: Set<object>): string {
  const members: string[] = [];

  for (const key of Object.keys(object).sort()) {
    const text = serialise(object[key], ancestors);

    if (text !== undefined) {
      members.push(`${JSON.stringify(key)}:${text}`);
    }
  }

  return `{${members.join(',')}}`;
}

function withToJson(value: unknown): unknown {
  const toJSON = (value as { toJSON?: unknown } | null | undefined)?.toJSON;

  return typeof toJSON === 'function' ? (toJSON as () => unknown).call(value) : value;
}
