// `npm run demo`: the main job of cognito-admin against a local emulator that this script starts
// and stops itself. Every command is printed before it runs, as an operator would type it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCognitoLocal } from './lib/emulators.mjs';
import { sandboxEnv } from './lib/sandbox-env.mjs';

const bin = fileURLToPath(new URL('../bin/cognito-admin.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'cognito-admin-demo-'));
const emulator = await startCognitoLocal();
const env = { ...sandboxEnv(emulator.url, home), NO_COLOR: '1' };

let failures = 0;
function run(args, { input, expect = 0 } = {}) {
  process.stdout.write(`\n$ cognito-admin ${args.map(quote).join(' ')}\n`);
  const result = spawnSync(process.execPath, [bin, ...args], { env, input, stdio: ['pipe', 'inherit', 'inherit'] });
  if (result.status !== expect) {
    failures++;
    process.stdout.write(`!! exit ${result.status}, expected ${expect}\n`);
  }
  return result.status;
}

function quote(arg) {
  return /^[\w@.,:=\/-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

try {
  console.log(`cognito-local is running at ${emulator.url} (data in a temporary folder)`);
  run(['pool', 'create', 'demo-shop', '--password-min-length', '10',
    '--with-client', 'web', '--flows', 'srp,password,admin,refresh', '--save-profile', 'demo', '-o', 'table']);
  run(['profile', 'show', 'demo', '-o', 'table']);
  run(['group', 'create', 'admins', '--description', 'Shop administrators', '--precedence', '1', '-o', 'table']);
  run(['group', 'create', 'staff', '--description', 'Shop staff', '-o', 'table']);
  run(['user', 'create', 'alice', '--email', 'alice@example.com', '--email-verified', '--attr', 'given_name=Alice',
    '--group', 'admins', '--invite', 'none', '-o', 'table']);
  run(['user', 'create', 'bob', '--email', 'bob@example.com', '--invite', 'email', '-o', 'table']);
  run(['user', 'create', 'carol', '--email', 'carol@example.com', '--temp-password-stdin', '--invite', 'none', '-o', 'table'],
    { input: 'Temporary-Passw0rd!\n' });
  run(['user', 'set-password', 'alice', '--permanent', '--password-stdin'], { input: 'Alice-Perm4nent!\n' });
  run(['group', 'add', 'staff', 'bob', 'carol', 'nobody', '-o', 'table'], { expect: 3 });
  run(['group', 'members', 'staff', '-o', 'table']);
  run(['user', 'list', '-o', 'table']);
  run(['user', 'list', '--filter', 'email ^= "a"', '-o', 'ndjson']);
  run(['user', 'groups', 'alice', '-o', 'table']);
  run(['user', 'disable', 'carol']);
  run(['user', 'get', 'carol', '-o', 'table']);
  run(['user', 'delete', 'carol'], { expect: 2 }); // no terminal and no --yes: refused
  run(['user', 'delete', 'carol', '--yes']);
  run(['group', 'list', '-o', 'table']);

  // Bulk: a CSV import (validated first, journaled, paced), then an export that round-trips.
  const csv = join(home, 'new-staff.csv');
  writeFileSync(
    csv,
    'username,email,given_name,groups,enabled\n' +
      'dave,dave@example.com,Dave,staff,true\n' +
      'erin,erin@example.com,"Erin, Jr.",staff;admins,true\n' +
      'frank,frank@example.com,Frank,staff,false\n',
  );
  run(['user', 'import', csv, '--dry-run', '-o', 'table']);
  run(['user', 'import', csv, '-o', 'table']);
  run(['user', 'import', csv, '-o', 'table']); // again: every row is already there, nothing is duplicated
  run(['user', 'export', '-o', 'csv']);
} finally {
  await emulator.stop();
  rmSync(home, { recursive: true, force: true });
}
console.log(failures ? `\ndemo finished with ${failures} unexpected exit code(s)` : '\ndemo finished: every command behaved as expected');
process.exitCode = failures ? 1 : 0;
