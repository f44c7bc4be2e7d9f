// `npm run bench:export`: `user export` reading group memberships per user (one
// AdminListGroupsForUser call a user: the way it used to work) against reading them group by
// group (ListGroups + ListUsersInGroup: the default now), on the same cognito-local pool, through
// a proxy that counts the requests of each kind. Three pairs in alternating order; the time ratio
// is the median of the pairs'. Run after `npm run build`. Size: BENCH_EXPORT_USERS (default 1000
// users, in BENCH_EXPORT_GROUPS groups, default 5, each user in one or two of them).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCognitoLocal } from '../scripts/lib/emulators.mjs';
import { sandboxEnv } from '../scripts/lib/sandbox-env.mjs';
import { median } from './lib/timing.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { AdminAddUserToGroupCommand, AdminCreateUserCommand, CognitoIdentityProviderClient, CreateGroupCommand, CreateUserPoolCommand } =
  await import('@aws-sdk/client-cognito-identity-provider');

const USERS = Number(process.env.BENCH_EXPORT_USERS ?? 1000);
const GROUPS = Number(process.env.BENCH_EXPORT_GROUPS ?? 5);
const PAIRS = 3;

const bin = fileURLToPath(new URL('../bin/cognito-admin.js', import.meta.url));
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-admin-bench-export-'));
const emulator = await startCognitoLocal();

// Counts requests by operation (X-Amz-Target) on their way to the emulator.
const counts = new Map();
const target = new URL(emulator.url);
const proxy = http.createServer((req, res) => {
  const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() || 'other';
  counts.set(operation, (counts.get(operation) ?? 0) + 1);
  const upstream = http.request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;

const sdk = new CognitoIdentityProviderClient({
  endpoint: emulator.url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

async function inParallel(count, limit, run) {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < count) await run(next++);
  }));
}

function exportOnce(poolId, groupReads) {
  counts.clear();
  const env = { ...sandboxEnv(proxyUrl, home), COGNITO_USER_POOL_ID: poolId };
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'user', 'export', '--group-reads', groupReads, '--out', path.join(home, `${groupReads}.csv`)], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`user export --group-reads ${groupReads} exited ${code}: ${stderr}`));
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ ms, calls: Object.fromEntries(counts) });
    });
  });
}

const total = (calls) => Object.values(calls).reduce((a, b) => a + b, 0);
const describeCalls = (calls) =>
  Object.entries(calls).sort(([a], [b]) => a.localeCompare(b)).map(([op, n]) => `${op} ${n}`).join(', ');

try {
  const poolId = (await sdk.send(new CreateUserPoolCommand({ PoolName: 'bench-export' }))).UserPool.Id;
  const groups = Array.from({ length: GROUPS }, (_, g) => `group-${g}`);
  for (const name of groups) await sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: name }));
  process.stdout.write(`creating ${USERS} users in ${GROUPS} groups on cognito-local … `);
  await inParallel(USERS, 8, async (i) => {
    const Username = `user${i}`;
    await sdk.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }] }));
    for (const g of i % 3 === 0 ? [i % GROUPS, (i + 1) % GROUPS] : [i % GROUPS]) {
      await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username, GroupName: groups[g] }));
    }
  });
  console.log('done');

  const ratios = [];
  let perUser;
  let perGroup;
  for (let pair = 0; pair < PAIRS; pair++) {
    const order = pair % 2 ? ['per-group', 'per-user'] : ['per-user', 'per-group'];
    const result = {};
    for (const mode of order) result[mode] = await exportOnce(poolId, mode);
    perUser = result['per-user'];
    perGroup = result['per-group'];
    ratios.push(perGroup.ms / perUser.ms);
    console.log(`pair ${pair + 1}: per user ${perUser.ms.toFixed(0)} ms, group by group ${perGroup.ms.toFixed(0)} ms → ${(perGroup.ms / perUser.ms).toFixed(2)}×`);
  }
  const identical = fs.readFileSync(path.join(home, 'per-user.csv'), 'utf8') === fs.readFileSync(path.join(home, 'per-group.csv'), 'utf8');
  console.log(`\nbefore (per user):      ${String(total(perUser.calls)).padStart(5)} calls  (${describeCalls(perUser.calls)})`);
  console.log(`after (group by group): ${String(total(perGroup.calls)).padStart(5)} calls  (${describeCalls(perGroup.calls)})`);
  console.log(`time, after / before: ${median(ratios).toFixed(2)}× (median of ${PAIRS} pairs); the two CSV files are ${identical ? 'identical' : 'DIFFERENT'}`);
  if (!identical) process.exitCode = 1;
} finally {
  proxy.close();
  await emulator.stop();
  fs.rmSync(home, { recursive: true, force: true });
}
