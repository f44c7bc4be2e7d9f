// The names nearest to a mistyped one, for the hints of usage errors (an unknown verb, an
// unknown API operation).

// `ListUsers`, `listUsers`, `list-users` and `list_users` all name the same thing.
export const foldName = (name: string) => name.replace(/[-_\s]/g, '').toLowerCase();

export interface ClosestOptions {
  /** How many names at the most (3). */
  max?: number;
  /** Leave out names too far from `name` to be what was meant (true); false always offers `max`. */
  nearOnly?: boolean;
}

/** Up to `max` names nearest to `name`: by edit distance, names that contain it close behind. */
export function closestNames(name: string, names: readonly string[], { max = 3, nearOnly = true }: ClosestOptions = {}): string[] {
  const wanted = foldName(name);
  const scored = names.map((n) => {
    const f = foldName(n);
    const distance = editDistance(wanted, f);
    const contains = wanted.length >= 3 && (f.includes(wanted) || wanted.includes(f));
    return { n, score: contains ? Math.min(distance, 2.5) : distance };
  });
  const limit = nearOnly ? Math.max(3, Math.floor(wanted.length / 3)) : Infinity;
  return scored
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.n.localeCompare(b.n))
    .slice(0, max)
    .map((s) => s.n);
}

/** Levenshtein distance: insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
