/** Levenshtein distance between two strings (insert, delete and substitute each cost 1). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/**
 * Terraform's name suggestion (`didyoumean.NameSuggestion`): the candidate closest to `given` by edit
 * distance, when that distance is under 3; undefined otherwise (or when `given` is itself a
 * candidate). Ties go to the candidate that sorts first, so the answer does not depend on order.
 */
export function nameSuggestion(given: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of [...new Set(candidates)].sort()) {
    if (c === given) return undefined;
    const d = editDistance(given, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** ` Did you mean "x"?` for the closest candidate, or the empty string (for appending to a detail). */
export function didYouMean(given: string, candidates: Iterable<string>): string {
  const s = nameSuggestion(given, candidates);
  return s === undefined ? '' : ` Did you mean "${s}"?`;
}
