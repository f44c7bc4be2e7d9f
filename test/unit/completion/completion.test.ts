// The completion scripts: checked in under completions/ and equal to what the command tree
// generates now; bash completion exercised in a real bash; zsh and fish parsed by their shells.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProgram } from '../../../src/program.js';
import { completionScript } from '../../../src/completion/script.js';
import { ProfileStore } from '../../../src/config/profiles.js';
import { tempDir } from '../../support/temp-dirs.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const files = { bash: 'cognito-admin.bash', zsh: '_cognito-admin', fish: 'cognito-admin.fish' } as const;
const program = buildProgram({});
const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
/** The test's name says why when it is skipped. */
const named = (shell: string, title: string) => (has(shell) ? title : `${title} — skipped: ${shell} is not installed`);

describe('checked-in completion scripts', () => {
  for (const [shell, file] of Object.entries(files)) {
    it(`completions/${file} matches the command tree (run \`npm run completions\` after changing commands)`, () => {
      const checkedIn = readFileSync(join(root, 'completions', file), 'utf8');
      expect(checkedIn).toBe(`${completionScript(program, shell as keyof typeof files)}\n`);
    });
  }
});

describe('bash completion in bash', () => {
  // A stand-in `cognito-admin` on PATH runs our source, with a config holding two profiles.
  const home = tempDir('completion-');
  const config = join(home, 'config.json');
  const store = new ProfileStore(config);
  store.update('dev', { region: 'eu-west-1' });
  store.update('prod-eu', { region: 'eu-west-1' });
  const binDir = join(home, 'bin');
  mkdirSync(binDir);
  writeFileSync(join(binDir, 'cognito-admin'), `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'bin', 'cognito-admin.js')}" "$@"\n`);
  chmodSync(join(binDir, 'cognito-admin'), 0o755);
  const script = join(root, 'completions', files.bash);

  function complete(...words: string[]): string[] {
    const body = `source ${JSON.stringify(script)}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})
COMP_CWORD=${words.length - 1}
_cognito_admin
printf '%s\\n' "\${COMPREPLY[@]}"`;
    const result = spawnSync('bash', ['--norc', '--noprofile', '-c', body], {
      env: { PATH: `${binDir}:${process.env.PATH}`, COGNITO_ADMIN_CONFIG: config, HOME: home },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    return result.stdout.split('\n').filter(Boolean);
  }

  it('completes nouns, verbs, options and fixed option values', () => {
    expect(complete('cognito-admin', '')).toEqual(expect.arrayContaining(['pool', 'user', 'group', 'profile', 'completion']));
    expect(complete('cognito-admin', 'gr')).toEqual(['group']);
    expect(complete('cognito-admin', 'user', '')).toEqual(expect.arrayContaining(['create', 'list', 'set-password']));
    expect(complete('cognito-admin', 'pool', 'create', '--with')).toEqual(['--with-client']);
    expect(complete('cognito-admin', 'pool', 'list', '--reg')).toEqual(['--region']);
    expect(complete('cognito-admin', '-o', '')).toEqual(['table', 'json', 'ndjson', 'csv', 'text']);
    expect(complete('cognito-admin', 'pool', 'create', 'x', '--mfa', '')).toEqual(['off', 'optional', 'on']);
    expect(complete('cognito-admin', 'completion', '--', )).toEqual(expect.arrayContaining(['--help']));
  });

  it('skips option values when finding the command, and reads profile names from the config', () => {
    expect(complete('cognito-admin', '--pool', 'user', 'gr')).toEqual(['group']); // "user" was --pool's value
    expect(complete('cognito-admin', '--profile', '')).toEqual(['dev', 'prod-eu']);
    expect(complete('cognito-admin', '-p', 'pr')).toEqual(['prod-eu']);
    expect(complete('cognito-admin', 'profile', 'use', '')).toEqual(['dev', 'prod-eu']);
  });
});

describe('zsh and fish scripts parse in their shells', () => {
  it.skipIf(!has('zsh'))(named('zsh', 'zsh -n accepts the zsh script'), () => {
    const result = spawnSync('zsh', ['-n', join(root, 'completions', files.zsh)], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.skipIf(!has('zsh'))(named('zsh', 'zsh completes nouns through compsys'), () => {
    const body = `autoload -U compinit && compinit -u
source ${JSON.stringify(join(root, 'completions', files.zsh))}
compadd() { local a; for a in "$@"; do [[ $a == -* ]] || print -r -- $a; done }
words=(cognito-admin '') CURRENT=2 _cognito_admin`;
    const result = spawnSync('zsh', ['-f', '-c', body], { encoding: 'utf8' });
    expect(result.stdout).toMatch(/\bpool\b/);
  });

  it.skipIf(!has('fish'))(named('fish', 'fish --no-execute accepts the fish script'), () => {
    const result = spawnSync('fish', ['--no-execute', join(root, 'completions', files.fish)], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.skipIf(!has('fish'))(named('fish', 'fish completes nouns and verbs'), () => {
    const script = join(root, 'completions', files.fish);
    const result = spawnSync('fish', ['--no-config', '-c', `source ${script}; complete -C 'cognito-admin us'; complete -C 'cognito-admin user cr'`], { encoding: 'utf8' });
    expect(result.stdout).toMatch(/^user\t/m);
    expect(result.stdout).toMatch(/^create\t/m);
  });
});
