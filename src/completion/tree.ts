// The command tree as completion scripts need it: names, options, which options take a value
// and which values are a fixed set. Read from commander, so the scripts follow the commands.
import type { Command, Option } from 'commander';

export interface OptionSpec {
  flags: string[];
  description: string;
  takesValue: boolean;
  choices?: string[];
  /** Values completed at completion time rather than from a fixed list. */
  dynamic?: 'profiles';
}

export interface CommandSpec {
  /** The scripts' key for this command: ':' for the root, ':user:create' below it. */
  key: string;
  name: string;
  description: string;
  options: OptionSpec[];
  children: CommandSpec[];
  /** Positional arguments complete to profile names (profile show|use|remove|set|init). */
  profileArgument: boolean;
}

const PROFILE_ARGUMENT_COMMANDS = new Set([':profile:show', ':profile:use', ':profile:remove', ':profile:set', ':profile:init']);

const HELP: OptionSpec = { flags: ['-h', '--help'], description: 'display help for command', takesValue: false };

function optionSpec(option: Option): OptionSpec {
  const flags = [option.short, option.long].filter((f): f is string => Boolean(f));
  const spec: OptionSpec = { flags, description: option.description, takesValue: option.required || option.optional };
  if (option.argChoices?.length) spec.choices = [...option.argChoices];
  if (option.long === '--profile') spec.dynamic = 'profiles';
  return spec;
}

export function commandTree(cmd: Command, key = ':'): CommandSpec {
  return {
    key,
    name: cmd.name(),
    description: cmd.description(),
    // commander adds --help to every command outside its options list.
    options: [...cmd.options.filter((o) => !o.hidden).map(optionSpec), HELP],
    children: cmd.commands.map((c) => commandTree(c, key === ':' ? `:${c.name()}` : `${key}:${c.name()}`)),
    profileArgument: PROFILE_ARGUMENT_COMMANDS.has(key),
  };
}

export function allNodes(node: CommandSpec): CommandSpec[] {
  return [node, ...node.children.flatMap(allNodes)];
}

/** Single-quoted for sh, bash, zsh and fish alike. */
export function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function fnName(bin: string): string {
  return `_${bin.replace(/[^A-Za-z0-9]/g, '_')}`;
}

export function valueList(option: OptionSpec): string | undefined {
  return option.dynamic === 'profiles' ? '@profiles' : option.choices?.join(' ');
}

export type Rows = Array<[string, string]>;

/** The lookup tables bash and zsh share, keyed by command key (and `key|flag` for values). */
export function lookupTables(root: CommandSpec): Record<'children' | 'options' | 'valued' | 'choices', Rows> {
  const nodes = allNodes(root);
  return {
    children: nodes.map((n) => [n.key, n.children.map((c) => c.name).join(' ')]),
    options: nodes.map((n) => [n.key, n.options.flatMap((o) => o.flags).join(' ')]),
    valued: nodes.map((n) => [n.key, ` ${n.options.filter((o) => o.takesValue).flatMap((o) => o.flags).join(' ')} `]),
    choices: nodes.flatMap((n) =>
      n.options.flatMap((o) => {
        const values = valueList(o);
        return values ? o.flags.map((f): [string, string] => [`${n.key}|${f}`, values]) : [];
      }),
    ),
  };
}

/** The keys of commands whose positional argument is a profile name, space-padded for matching. */
export function profileArgumentKeys(root: CommandSpec): string {
  return ` ${allNodes(root).filter((n) => n.profileArgument).map((n) => n.key).join(' ')} `;
}
