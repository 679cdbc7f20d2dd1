export function union(existing: string[] | undefined, added: string[]): string[] {
  return [...new Set([...(existing ?? []), ...added])].sort();
}

export function* batches<T>(items: T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) {
    yield items.slice(start, start + size);
  }
}
