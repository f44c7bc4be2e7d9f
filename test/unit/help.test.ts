// Every command's help is pinned by a snapshot, and every command has a description and an
// example. The tree is walked from the program itself, so a new command is covered at once.
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../src/program.js';
import { runCli } from '../support/cli.js';

function commandPaths(cmd: Command, prefix: string[] = []): string[][] {
  return cmd.commands
    .filter((c) => c.name() !== 'help')
    .flatMap((c) => {
      const path = [...prefix, c.name()];
      return [path, ...commandPaths(c, path)];
    });
}

const program = buildProgram({});
const paths = commandPaths(program);

describe('help', () => {
  it('root help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchSnapshot();
  });

  it('a run lists every noun as the whole tree does, though it adds the verbs of the nouns it names only', async () => {
    const result = await runCli(['--help']);
    expect(result.stdout.startsWith(program.helpInformation({ error: false }))).toBe(true);
    const run = buildProgram({}, ['token', 'decode']);
    const withVerbs = run.commands.filter((c) => c.commands.length > 0).map((c) => c.name());
    expect(withVerbs).toEqual(['token']);
    expect(run.commands.map((c) => [c.name(), c.description()])).toEqual(program.commands.map((c) => [c.name(), c.description()]));
  });

  for (const path of paths) {
    it(`${path.join(' ')} --help`, async () => {
      const result = await runCli([...path, '--help']);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatchSnapshot();
      const cmd = path.reduce<Command>((c, name) => c.commands.find((s) => s.name() === name)!, program);
      expect(cmd.description(), 'a description').not.toBe('');
      if (cmd.commands.length === 0) {
        expect(result.stdout, 'at least one example').toMatch(/Examples:\n\s+\$ cognito-admin /);
      }
    });
  }
});
