import { EVENT_ID, Event, getScalarValue } from 'js-yaml';

export interface SourcePosition {
  line: number;
  column: number;
}

/** Where a value sits in the source and, for a mapping entry, where its key sits. */
export interface NodePosition {
  value: SourcePosition;
  key?: SourcePosition;
}

interface Frame {
  kind: 'document' | 'mapping' | 'sequence';
  path: string;
  index: number;
  key: string | null;
  keyOffset: number;
  /** A collection used as a mapping key: its inner nodes have no path of their own. */
  opaque: boolean;
}

/**
 * Maps every path of a parsed document (`spec.retention.rules[0].entity`) to its line and
 * column, from the same parser events the value was built from, so the two always agree.
 */
export function mapPositions(source: string, events: Event[]): Map<string, NodePosition> {
  const toPosition = positionFinder(source);
  const positions = new Map<string, NodePosition>();
  const stack: Frame[] = [];

  for (const event of events) {
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }

    if (event.type === EVENT_ID.DOCUMENT) {
      stack.push(frame('document', '', false));
      continue;
    }

    const offset = event.type === EVENT_ID.SCALAR ? event.valueStart : startOf(event);
    const parent = stack[stack.length - 1];

    if (parent?.kind === 'mapping' && parent.key === null) {
      parent.key = event.type === EVENT_ID.SCALAR ? getScalarValue(source, event) : '?';
      parent.keyOffset = offset;

      if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
        stack.push(frame(event.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence', '', true));
      }
      continue;
    }

    const path = parent ? childPath(parent) : '';
    const opaque = parent?.opaque ?? false;

    if (!opaque) {
      positions.set(path, {
        value: toPosition(offset),
        key: parent?.kind === 'mapping' ? toPosition(parent.keyOffset) : undefined,
      });
    }

    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      stack.push(frame(event.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence', path, opaque));
    }
  }

  return positions;
}

function startOf(event: Event): number {
  if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
    return event.start;
  }

  return event.type === EVENT_ID.ALIAS ? event.anchorStart : 0;
}

function frame(kind: Frame['kind'], path: string, opaque: boolean): Frame {
  return { kind, path, index: 0, key: null, keyOffset: 0, opaque };
}

/** Advances the parent past the child it is about to hold, and names that child. */
function childPath(parent: Frame): string {
  if (parent.kind === 'sequence') {
    return `${parent.path}[${parent.index++}]`;
  }

  if (parent.kind === 'mapping') {
    const key = parent.key ?? '?';
    parent.key = null;
    return parent.path ? `${parent.path}.${key}` : key;
  }

  return '';
}

/** Offsets to one-based line and column, as editors count. */
export function positionFinder(source: string): (offset: number) => SourcePosition {
  const lineStarts = [0];

  for (let index = 0; index < source.length; index++) {
    if (source.charCodeAt(index) === 10) {
      lineStarts.push(index + 1);
    }
  }

  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;

    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle] <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }

    return { line: low + 1, column: offset - lineStarts[low] + 1 };
  };
}
