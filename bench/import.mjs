// `npm run bench:import`: the three import figures of issue 3, measured in one run on one machine.
//
//   (a) users/s of `cognito-admin user import --rate unlimited --concurrency 8` against a plain
//       AWS SDK loop (AdminCreateUser, MessageAction SUPPRESS, 8 in flight) on the same
//       cognito-local, each into a fresh pool, in pairs of alternating order; target ≥ 0.9×
//       for the median of the pairs' ratios.
//   (b) the rate achieved with `--rate 50` through the test suite's fault proxy answering 10% of
//       the AdminCreateUser requests with TooManyRequestsException; target ≥ 0.85 × 50/s and no
//       failed row.
//   (c) `user import --dry-run` of 1,000,000 rows: bench/import-dry-run.mjs, run as it is.
//   (d) riding Cognito's quota: `user import` with no --rate through the fault proxy enforcing
//       token buckets per quota category (user creation, user updates; a burst of a fifth of a
//       second), on a file where every other user joins a group, so that both quotas are the
//       limit at once: the default quotas (50 creates/s, 25 updates/s; target ≥ 0.95 of the
//       bucket) and what other traffic leaves of them (20/s and 10/s; target ≥ 0.90), each
//       with no failed row and ≤ 5% of requests throttled. The upstream is an in-memory stub of
//       the operations an import sends (bench/lib/stub-cognito.mjs): cognito-local, which writes
//       every user to disk, serves only 8–60 creates/s here depending on the other load, and would
//       be the limit instead of the bucket. The baseline, in the same run, is the same import
//       through the proxy with no bucket in the way.
//
// Run after `npm run build`. Sizes: BENCH_IMPORT_USERS (default 1000 per run of (a)),
// BENCH_IMPORT_RATE_USERS (default 400 for (b)), BENCH_IMPORT_ROWS (passed on to (c)),
// BENCH_IMPORT_QUOTA_USERS (default 2000 per run of (d)). BENCH_IMPORT_ONLY=a,b,c,d runs some.
// Exit code 1 when a target is missed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { startCognitoLocal } from '../scripts/lib/emulators.mjs';
import { sandboxEnv } from '../scripts/lib/sandbox-env.mjs';
import { startStubCognito } from './lib/stub-cognito.mjs';
import { median } from './lib/timing.mjs';

// The SDK's notice about Node 22 is not part of the figures (set before the SDK loads).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { AdminCreateUserCommand, CognitoIdentityProviderClient, CreateGroupCommand, CreateUserPoolCommand } = await import(
  '@aws-sdk/client-cognito-identity-provider'
);

const USERS = Number(process.env.BENCH_IMPORT_USERS ?? 1000);
const RATE_USERS = Number(process.env.BENCH_IMPORT_RATE_USERS ?? 400);
const ROUNDS = 3;
const CONCURRENCY = 8;
const TARGET_RATIO = 0.9;
const RATE = 50;
const TARGET_RATE_SHARE = 0.85;
const QUOTA_USERS = Number(process.env.BENCH_IMPORT_QUOTA_USERS ?? 2000);
const QUOTA_CASES = [
  { label: 'default quotas', create: 50, update: 25, target: 0.95 },
  { label: 'what other traffic leaves', create: 20, update: 10, target: 0.9 },
];
const TARGET_THROTTLED = 0.05;
const only = new Set((process.env.BENCH_IMPORT_ONLY ?? 'a,b,c,d').split(',').map((x) => x.trim()));

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'cognito-admin.js');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-admin-bench-import-'));
const emulator = await startCognitoLocal();
const env = sandboxEnv(emulator.url, home);
const sdk = new CognitoIdentityProviderClient({
  endpoint: emulator.url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
let poolNumber = 0;
const newPool = async () => (await sdk.send(new CreateUserPoolCommand({ PoolName: `bench-import-${++poolNumber}` }))).UserPool.Id;

/** The same users for the CLI (as CSV) and for the SDK loop (as requests). */
function user(i, prefix) {
  return {
    username: `${prefix}${i}`,
    attributes: {
      email: `${prefix}${i}@example.com`,
      email_verified: 'true',
      given_name: `Given${i}`,
      family_name: `Family${i}`,
      phone_number: `+1555${String(i).padStart(7, '0')}`,
    },
  };
}

/** `group`: every other user joins it (one user update per two creates). */
function writeCsv(file, count, prefix, group) {
  const lines = [`username,email,email_verified,given_name,family_name,phone_number${group ? ',groups' : ''}`];
  for (let i = 0; i < count; i++) {
    const u = user(i, prefix);
    const a = u.attributes;
    const cells = [u.username, a.email, a.email_verified, a.given_name, a.family_name, a.phone_number];
    if (group) cells.push(i % 2 === 0 ? group : '');
    lines.push(cells.join(','));
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/** The baseline: what a careful script would do with the SDK alone. */
async function sdkLoop(poolId, count, prefix) {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const u = user(next++, prefix);
      await sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: u.username,
          UserAttributes: Object.entries(u.attributes).map(([Name, Value]) => ({ Name, Value })),
          MessageAction: 'SUPPRESS',
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { usersPerSecond: count / seconds, seconds };
}

function runCli(args, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, ...args, '-o', 'json', '-q'], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`cognito-admin ${args.join(' ')} exited ${code}: ${stderr}`));
      resolve({ summary: JSON.parse(stdout), wallSeconds });
    });
  });
}

async function cliImport(poolId, count, prefix, flags, extraEnv, group) {
  const file = path.join(home, `${prefix}.csv`);
  writeCsv(file, count, prefix, group);
  const { summary, wallSeconds } = await runCli(['user', 'import', file, '--pool', poolId, ...flags], extraEnv);
  if (summary.created !== count) throw new Error(`expected ${count} created, got ${JSON.stringify(summary)}`);
  return { usersPerSecond: summary.usersPerSecond, wallSeconds, summary };
}

/** The fault proxy is TypeScript in the test suite: compiled here, not copied. */
async function loadFaultProxy() {
  const out = path.join(home, 'fault-proxy.mjs');
  await build({ entryPoints: [path.join(root, 'test/support/fault-proxy.ts')], outfile: out, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
  return import(pathToFileURL(out).href);
}

const verdict = (ok) => (ok ? 'met' : 'NOT met');
const fmt = (n) => n.toFixed(1);
const results = [];
let failed = false;

try {
  console.log(`user import benchmarks on cognito-local (${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)})`);

  const { startFaultProxy, cognitoQuotas } = await loadFaultProxy();
  if (only.has('a')) await benchUnlimited();
  if (only.has('b')) await benchNamedRate(startFaultProxy);
  if (only.has('c')) benchDryRun();
  if (only.has('d')) await benchQuotas(startFaultProxy, cognitoQuotas);
  failed = results.some((ok) => !ok);
  console.log(failed ? 'some targets were NOT met' : 'all targets met');
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  sdk.destroy();
  await emulator.stop();
  fs.rmSync(home, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;

async function benchUnlimited() {
  // (a) No rate cap: the CLI against the SDK loop, in pairs whose order alternates, so that drift
  // and other load on the machine hit both alike. The verdict is the median of the pairs' ratios.
  const sdkRuns = [];
  const cliRuns = [];
  for (let round = 0; round < ROUNDS; round++) {
    const sdkRun = async () => sdkRuns.push(await sdkLoop(await newPool(), USERS, `sdk${round}u`));
    const cliRun = async () =>
      cliRuns.push(await cliImport(await newPool(), USERS, `cli${round}u`, ['--rate', 'unlimited', '--concurrency', String(CONCURRENCY)]));
    if (round % 2 === 0) {
      await sdkRun();
      await cliRun();
    } else {
      await cliRun();
      await sdkRun();
    }
  }
  const ratios = cliRuns.map((c, i) => c.usersPerSecond / sdkRuns[i].usersPerSecond);
  const ratio = median(ratios);
  const median3 = (runs, key) => median(runs.map((r) => r[key]));
  const sdkRate = median3(sdkRuns, 'usersPerSecond');
  const cliRate = median3(cliRuns, 'usersPerSecond');
  const cliWallRate = median(cliRuns.map((r) => USERS / r.wallSeconds));
  const okA = ratio >= TARGET_RATIO;
  console.log(`(a) no rate cap, ${USERS} users per run, concurrency ${CONCURRENCY}, ${ROUNDS} pairs (medians)`);
  console.log(`    SDK loop (AdminCreateUser, SUPPRESS)       ${fmt(sdkRate).padStart(7)} users/s   runs: ${sdkRuns.map((r) => fmt(r.usersPerSecond)).join(', ')}`);
  console.log(`    cognito-admin user import (import pass)    ${fmt(cliRate).padStart(7)} users/s   runs: ${cliRuns.map((r) => fmt(r.usersPerSecond)).join(', ')}`);
  console.log(`    cognito-admin user import (whole process)  ${fmt(cliWallRate).padStart(7)} users/s   (start-up, DescribeUserPool and the validation pass included)`);
  console.log(`    ratio import/SDK ${ratio.toFixed(2)}× (pairs: ${ratios.map((r) => r.toFixed(2)).join(', ')})  (target ≥ ${TARGET_RATIO}×: ${verdict(okA)})`);
  results.push(okA);
}

async function benchNamedRate(startFaultProxy) {
  // (b) --rate 50 with 10% of the creates throttled by the fault proxy.
  const proxy = await startFaultProxy({
    upstream: emulator.url,
    plan: { rules: [{ operation: 'AdminCreateUser', action: 'throttle', probability: 0.1 }], seed: 42 },
  });
  try {
    const r = await cliImport(await newPool(), RATE_USERS, 'rate', ['--rate', String(RATE), '--concurrency', String(CONCURRENCY)], {
      AWS_ENDPOINT_URL: proxy.url,
    });
    const counters = proxy.counters.byOperation.AdminCreateUser;
    const share = r.usersPerSecond / RATE;
    const okB = share >= TARGET_RATE_SHARE && r.summary.failed === 0;
    console.log(`(b) --rate ${RATE}, ${RATE_USERS} users, 10% of AdminCreateUser throttled by the fault proxy`);
    console.log(
      `    achieved ${fmt(r.usersPerSecond)} users/s = ${share.toFixed(2)} × ${RATE}/s, failed rows ${r.summary.failed}, ` +
        `throttled ${counters.throttle} of ${counters.requests} creates  (target ≥ ${TARGET_RATE_SHARE} × ${RATE}/s and 0 failed: ${verdict(okB)})`,
    );
    results.push(okB);
  } finally {
    await proxy.close();
  }
}

function benchDryRun() {
  // (c) The dry-run measurement, exactly as bench/import-dry-run.mjs makes it.
  console.log('(c) --dry-run, bench/import-dry-run.mjs:');
  const dry = spawnSync(process.execPath, [path.join(root, 'bench', 'import-dry-run.mjs')], {
    env: { ...process.env, BENCH_JSON: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  process.stdout.write(dry.stdout.replace(/^/gm, '    '));
  results.push(dry.status === 0);
}

async function benchQuotas(startFaultProxy, cognitoQuotas) {
  // (d) No --rate, through token buckets per quota category; the baseline is the same import
  // through the same proxy with no bucket, in the same run.
  console.log(`(d) riding the quota: user import with no --rate, ${QUOTA_USERS} users (every other one joins a group), concurrency ${CONCURRENCY}`);
  const stub = await startStubCognito();
  const stubSdk = new CognitoIdentityProviderClient({ endpoint: stub.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  let n = 0;
  const run = async (endpoint) => {
    const poolId = (await stubSdk.send(new CreateUserPoolCommand({ PoolName: `quota-${++n}` }))).UserPool.Id;
    await stubSdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'staff' }));
    const r = await cliImport(poolId, QUOTA_USERS, `quota${n}u`, ['--concurrency', String(CONCURRENCY)], { AWS_ENDPOINT_URL: endpoint }, 'staff');
    const stored = stub.counts(poolId);
    if (stored.users !== QUOTA_USERS || stored.memberships !== QUOTA_USERS / 2) throw new Error(`stub holds ${JSON.stringify(stored)}`);
    return r;
  };
  try {
    // The baseline goes through the proxy too (forwarding everything), so that only the buckets differ.
    const open = await startFaultProxy({ upstream: stub.url });
    const base = await run(open.url).finally(() => open.close());
    console.log(
      `    baseline, the proxy with no bucket: ${fmt(base.usersPerSecond)} creates/s, ${fmt(base.usersPerSecond / 2)} updates/s ` +
        '(the budget starts at the default quotas, 50/s and 25/s)',
    );
    for (const c of QUOTA_CASES) {
      const proxy = await startFaultProxy({
        upstream: stub.url,
        plan: {
          quotas: cognitoQuotas({
            UserCreation: { rate: c.create, burst: Math.max(1, c.create / 5) },
            UserResourceUpdate: { rate: c.update, burst: Math.max(1, c.update / 5) },
          }),
        },
      });
      try {
        const r = await run(proxy.url);
        const seconds = r.summary.elapsedMs / 1000;
        const q = proxy.counters.byQuota;
        const creates = q.UserCreation ?? { requests: 0, throttled: 0 };
        const updates = q.UserResourceUpdate ?? { requests: 0, throttled: 0 };
        const createShare = (creates.requests - creates.throttled) / seconds / c.create;
        const updateShare = (updates.requests - updates.throttled) / seconds / c.update;
        const throttled = (creates.throttled + updates.throttled) / (creates.requests + updates.requests);
        const ok = Math.min(createShare, updateShare) >= c.target && throttled <= TARGET_THROTTLED && r.summary.failed === 0;
        console.log(`    bucket ${c.create} creates/s + ${c.update} updates/s (${c.label}):`);
        console.log(
          `      achieved ${fmt(createShare * c.create)} creates/s = ${createShare.toFixed(3)} × bucket, ${fmt(updateShare * c.update)} updates/s = ${updateShare.toFixed(3)} × bucket; ` +
            `${(r.usersPerSecond / base.usersPerSecond).toFixed(2)}× the baseline`,
        );
        console.log(
          `      throttled ${(throttled * 100).toFixed(1)}% of requests (${creates.throttled} of ${creates.requests} creates, ${updates.throttled} of ${updates.requests} updates), ` +
            `failed rows ${r.summary.failed}  (target ≥ ${c.target} × bucket, ≤ ${TARGET_THROTTLED * 100}% throttled, 0 failed: ${verdict(ok)})`,
        );
        results.push(ok);
      } finally {
        await proxy.close();
      }
    }
  } finally {
    stubSdk.destroy();
    await stub.close();
  }
}
