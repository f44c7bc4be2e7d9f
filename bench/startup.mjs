// `npm run bench`: start-up and single-call cost of the CLI against baselines measured in the
// same run — `node -e 0` for commands that never touch the network, and a bare AWS SDK script
// making the same call on the same emulator for `user get`. Wall time (the targets), then CPU
// time of the same commands, which other load on a shared machine sways far less. The CLI runs
// with its compile cache in place (a cache folder in the throw-away home, filled by the warm-up
// runs), as it does from the second run on; `user get` is also measured without it (cold).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCognitoLocal } from '../scripts/lib/emulators.mjs';
import { sandboxEnv } from '../scripts/lib/sandbox-env.mjs';
import { compare, cpuOfProcess, ratioLine, timeProcess } from './lib/timing.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const bin = fileURLToPath(new URL('../bin/cognito-admin.js', import.meta.url));
const sdkEntry = fileURLToPath(new URL('../node_modules/@aws-sdk/client-cognito-identity-provider/dist-cjs/index.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'cognito-admin-bench-'));
const emulator = await startCognitoLocal();
const env = { ...sandboxEnv(emulator.url, home), XDG_CACHE_HOME: join(home, 'cache'), COGNITO_TOTP_SECRET: 'JBSWY3DPEHPK3PXP' };
const cold = { ...env, NODE_DISABLE_COMPILE_CACHE: '1' };
const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sampleJwt = `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url({ sub: 'bench', token_use: 'id', exp: 2_000_000_000, 'cognito:groups': ['a'] })}.c2ln`;

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

  // The compile cache is written on the second run: two runs fill it before anything is measured.
  for (let i = 0; i < 2; i++) {
    spawnSync(process.execPath, [bin, '--help'], { env });
    spawnSync(process.execPath, [bin, 'user', 'get', 'bench-user', '--pool', pool, '-o', 'json'], { env });
  }

  const runs = (measure) => {
    const at = (e) => (...args) => () => measure(process.execPath, args, { env: e });
    return {
      local: {
        node: at(env)('-e', '0'),
        help: at(env)(bin, '--help'),
        decode: at(env)(bin, 'token', 'decode', sampleJwt, '-o', 'json'),
        code: at(env)(bin, 'mfa', 'code', '-o', 'json'),
      },
      remote: {
        bare: at(env)(bare),
        ours: at(env)(bin, 'user', 'get', 'bench-user', '--pool', pool, '-o', 'json'),
        cold: at(cold)(bin, 'user', 'get', 'bench-user', '--pool', pool, '-o', 'json'),
      },
    };
  };
  for (const [label, measure, unit] of [
    ['wall time', timeProcess, 'ms'],
    ['CPU time (user + system)', cpuOfProcess, 'ms CPU'],
  ]) {
    console.log(`median ${label} of ${rounds} interleaved runs each (${process.version}, ${emulator.name} at ${emulator.url})\n`);
    const v = runs(measure);
    const local = compare(v.local, rounds);
    console.log(ratioLine('cognito-admin --help', local.help, local.node, 'node -e 0', 1.3, unit));
    console.log(ratioLine('cognito-admin token decode <jwt>', local.decode, local.node, 'node -e 0', 1.3, unit));
    console.log(ratioLine('cognito-admin mfa code', local.code, local.node, 'node -e 0', 1.3, unit));
    const remote = compare(v.remote, rounds);
    console.log(ratioLine('cognito-admin user get', remote.ours, remote.bare, 'bare SDK script', 0.8, unit));
    console.log(ratioLine('cognito-admin user get (no cache)', remote.cold, remote.bare, 'bare SDK script', undefined, unit));
    console.log('');
  }
} finally {
  await emulator.stop();
  rmSync(home, { recursive: true, force: true });
}
