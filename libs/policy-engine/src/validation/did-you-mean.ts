/** The closest known word to a misspelt one, when it is close enough to be a typo. */
export function didYouMean(found: string, known: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(found.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;

  for (const candidate of known) {
    if (candidate.toLowerCase() === found.toLowerCase()) {
      return candidate;
    }

    const distance = editDistance(found.toLowerCase(), candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }

  return best;
}

/** Levenshtein distance, giving up once it exceeds `ceiling` (only near words matter). */
function editDistance(a: string, b: string, ceiling: number): number {
  if (Math.abs(a.length - b.length) > ceiling) {
    return ceiling + 1;
  }

  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);

  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;

    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMinimum = Math.min(rowMinimum, current[j]);
    }

    if (rowMinimum > ceiling) {
      return ceiling + 1;
    }
    previous = current;
  }

  return previous[b.length];
}
