// `cognito-admin pool frobnicate`: a verb the noun does not have is a usage error (exit 2) that
// names the noun's closest verbs, never the noun's help with exit 0.
import type { Command } from 'commander';
import { UsageError } from '../errors.js';

/** Makes every noun with verbs refuse an unknown verb. */
export function refuseUnknownVerbs(program: Command): void {
  for (const noun of program.commands) {
    if (noun.commands.length === 0) continue;
    noun.on('command:*', (operands: string[]) => {
      throw unknownVerb(noun, operands[0] ?? '');
    });
  }
}

export function unknownVerb(noun: Command, verb: string): UsageError {
  const verbs = noun.commands.map((c) => c.name());
  const closest = [...verbs]
    .map((name) => ({ name, distance: editDistance(verb.toLowerCase(), name) }))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((c) => c.name);
  return new UsageError(`unknown command '${noun.name()} ${verb}'`, {
    hint: `closest: ${closest.map((v) => `${noun.name()} ${v}`).join(', ')} (all: cognito-admin ${noun.name()} --help)`,
  });
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
