// `cognito-admin pool frobnicate`: a verb the noun does not have is a usage error (exit 2) that
// names the noun's closest verbs, never the noun's help with exit 0.
import type { Command } from 'commander';
import { closestNames } from '../closest-names.js';
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
  const closest = closestNames(verb, verbs, { nearOnly: false });
  return new UsageError(`unknown command '${noun.name()} ${verb}'`, {
    hint: `closest: ${closest.map((v) => `${noun.name()} ${v}`).join(', ')} (all: cognito-admin ${noun.name()} --help)`,
  });
}
