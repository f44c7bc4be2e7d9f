// Helpers every noun's wiring uses: building the Context from the parsed options, examples in
// help, and the small parsers for repeatable and list-valued flags.
import { Command, InvalidArgumentError } from 'commander';
import { Context, type ContextOptions } from '../context.js';
import type { GlobalFlags } from '../config/settings.js';

/** What main() hands to every command: the streams and environment to build a Context on. */
export interface Runtime extends ContextOptions {}

/**
 * A noun of the command line (`user`, `pool`, …): its name and one-line description, which the
 * root help lists, and the function that adds its verbs, which runs only when the command line
 * names the noun (see buildProgram).
 */
export interface Noun {
  name: string;
  description: string;
  register(noun: Command, runtime: Runtime): void;
}

export function contextFor(cmd: Command, runtime: Runtime): Context {
  return new Context(cmd.optsWithGlobals() as GlobalFlags, runtime);
}

/** Adds an Examples section to a command's help. */
export function examples(cmd: Command, ...lines: string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ cognito-admin ${l}`).join('\n')}`);
}

/** For repeatable options: `--attr a=1 --attr b=2`. */
export function collectValues(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** For comma lists with a fixed vocabulary: `--flows srp,refresh`. */
export function commaList(allowed: readonly string[]) {
  return (value: string): string[] => {
    const items = value.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = items.filter((i) => !allowed.includes(i));
    if (bad.length || items.length === 0) {
      throw new InvalidArgumentError(`expected a comma-separated list of ${allowed.join(', ')}`);
    }
    return [...new Set(items)];
  };
}

/** For comma lists of free values: `--scopes openid,email`. */
export function splitList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return n;
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number of 0 or more');
  return n;
}

/**
 * Wraps a verb's handler for commander: builds the Context, passes the positional arguments and
 * the command's own options, and translates AWS errors with what the Context knows (region, pool).
 */
export function handler<O = Record<string, unknown>>(
  runtime: Runtime,
  run: (ctx: Context, args: any[], options: O, cmd: Command) => Promise<void>,
) {
  return async (...all: unknown[]) => {
    const cmd = all[all.length - 1] as Command;
    const options = all[all.length - 2] as O;
    const args = all.slice(0, -2);
    const ctx = contextFor(cmd, runtime);
    try {
      await run(ctx, args, options, cmd);
    } catch (err) {
      const { translateAwsError } = await import('../aws/errors.js');
      throw translateAwsError(err, ctx.errorContext());
    } finally {
      ctx.stdin.close();
    }
  };
}
