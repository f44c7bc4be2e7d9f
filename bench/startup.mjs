// `npm run bench`: start-up and single-call cost of the CLI against baselines measured in the
// same run — `node -e 0` for commands that never touch the network, and a bare AWS SDK script
// making the same call on the same emulator for `user get`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCognitoLocal } from '../scripts/lib/emulators.mjs';
import { sandboxEnv } from '../scripts/lib/sandbox-env.mjs';
import { compare, ratioLine, timeProcess } from './lib/timing.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const bin = fileURLToPath(new URL('../bin/cognito-admin.js', import.meta.url));
const sdkEntry = fileURLToPath(new URL('../node_modules/@aws-sdk/client-cognito-identity-provider/dist-cjs/index.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'cognito-admin-bench-'));
const emulator = await startCognitoLocal();
const env = sandboxEnv(emulator.url, home);
const cli = (...args) => () => timeProcess(process.execPath, [bin, ...args], { env });
const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sampleJwt = `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url({ sub: 'bench', token_use: 'id', exp: 2_000_000_000, 'cognito:groups': ['a'] })}.c2ln`;
const node = (...args) => () => timeProcess(process.execPath, args, { env });

try {
  const created = JSON.parse(
    spawnSync(process.execPath, [bin, 'pool', 'create', 'bench', '--with-client', 'c', '-o', 'json'], { env }).stdout,
  );
  const pool = created.id;
  spawnSync(process.execPath, [bin, 'user', 'create', 'bench-user', '--pool', pool, '--invite', 'none'], { env });

  // The baseline: the least a Node program can do to make this call with the AWS SDK.
  const bare = join(home, 'bare-admin-get-user.mjs');
  writeFileSync(
    bare,
    `import { CognitoIdentityProviderClient, AdminGetUserCommand } from ${JSON.stringify(sdkEntry)};\n` +
      `const c = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: process.env.AWS_ENDPOINT_URL });\n` +
      `const r = await c.send(new AdminGetUserCommand({ UserPoolId: ${JSON.stringify(pool)}, Username: 'bench-user' }));\n` +
      `process.stdout.write(JSON.stringify(r) + '\\n');\n`,
  );

  console.log(`median wall time of ${rounds} interleaved runs each (${process.version}, ${emulator.name} at ${emulator.url})\n`);
  const local = compare(
    {
      node: node('-e', '0'),
      help: cli('--help'),
      decode: cli('token', 'decode', sampleJwt, '-o', 'json'),
      code: () => timeProcess(process.execPath, [bin, 'mfa', 'code', '-o', 'json'], { env: { ...env, COGNITO_TOTP_SECRET: 'JBSWY3DPEHPK3PXP' } }),
    },
    rounds,
  );
  console.log(ratioLine('cognito-admin --help', local.help, local.node, 'node -e 0', 1.6));
  console.log(ratioLine('cognito-admin token decode <jwt>', local.decode, local.node, 'node -e 0', 1.6));
  console.log(ratioLine('cognito-admin mfa code', local.code, local.node, 'node -e 0', 1.6));

  const remote = compare(
    {
      bare: node(bare),
      ours: cli('user', 'get', 'bench-user', '--pool', pool, '-o', 'json'),
    },
    rounds,
  );
  console.log(ratioLine('cognito-admin user get', remote.ours, remote.bare, 'bare SDK script', 1.1));
} finally {
  await emulator.stop();
  rmSync(home, { recursive: true, force: true });
}
