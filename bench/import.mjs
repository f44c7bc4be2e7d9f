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
//
// Run after `npm run build`. Sizes: BENCH_IMPORT_USERS (default 1000 per run of (a)),
// BENCH_IMPORT_RATE_USERS (default 400 for (b)), BENCH_IMPORT_ROWS (passed on to (c)).
// Exit code 1 when a target is missed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { startCognitoLocal } from '../scripts/lib/emulators.mjs';
import { sandboxEnv } from '../scripts/lib/sandbox-env.mjs';
import { median } from './lib/timing.mjs';

// The SDK's notice about Node 22 is not part of the figures (set before the SDK loads).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { AdminCreateUserCommand, CognitoIdentityProviderClient, CreateUserPoolCommand } = await import('@aws-sdk/client-cognito-identity-provider');

const USERS = Number(process.env.BENCH_IMPORT_USERS ?? 1000);
const RATE_USERS = Number(process.env.BENCH_IMPORT_RATE_USERS ?? 400);
const ROUNDS = 3;
const CONCURRENCY = 8;
const TARGET_RATIO = 0.9;
const RATE = 50;
const TARGET_RATE_SHARE = 0.85;

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

function writeCsv(file, count, prefix) {
  const lines = ['username,email,email_verified,given_name,family_name,phone_number'];
  for (let i = 0; i < count; i++) {
    const u = user(i, prefix);
    const a = u.attributes;
    lines.push([u.username, a.email, a.email_verified, a.given_name, a.family_name, a.phone_number].join(','));
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

async function cliImport(poolId, count, prefix, flags, extraEnv) {
  const file = path.join(home, `${prefix}.csv`);
  writeCsv(file, count, prefix);
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

  // (b) --rate 50 with 10% of the creates throttled by the fault proxy.
  const { startFaultProxy } = await loadFaultProxy();
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

  // (c) The dry-run measurement, exactly as bench/import-dry-run.mjs makes it.
  console.log('(c) --dry-run, bench/import-dry-run.mjs:');
  const dry = spawnSync(process.execPath, [path.join(root, 'bench', 'import-dry-run.mjs')], {
    env: { ...process.env, BENCH_JSON: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  process.stdout.write(dry.stdout.replace(/^/gm, '    '));
  results.push(dry.status === 0);
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
