import { PolicyChange } from '@compliance/contracts';

/** Every leaf that differs between two parsed documents, by path, in document order. */
export function diffDocuments(before: unknown, after: unknown, path = ''): PolicyChange[] {
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);

    return [...keys].flatMap((key) =>
      diffDocuments(
        (before as Record<string, unknown>)[key],
        (after as Record<string, unknown>)[key],
        childPath(path, key, Array.isArray(before)),
      ),
    );
  }

  if (JSON.stringify(before) === JSON.stringify(after)) {
    return [];
  }

  const where = path || '(root)';
  if (before === undefined) return [{ path: where, op: 'added', after }];
  if (after === undefined) return [{ path: where, op: 'removed', before }];
  return [{ path: where, op: 'changed', before, after }];
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

function childPath(path: string, key: string, inList: boolean): string {
  if (inList) return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}
