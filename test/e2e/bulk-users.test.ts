// The --from-file user verbs end to end: the built binary against moto, through the suite's
// fault-injecting proxy (throttling, connections reset before the request reached moto and after
// moto applied it), with moto's state read back through its own API. 1,000 users disabled and
// deleted, each handled exactly once; kill -9 mid-run and the re-run; the failures file re-run as
// it is; the piped clean-up of stale sign-ups; and no change without a terminal and --yes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AdminCreateUserCommand,
  CreateUserPoolClientCommand,
  ListUsersCommand,
  SignUpCommand,
  type CognitoIdentityProviderClient,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { BIN, emulator, emulatorEnv, emulatorSdk, runBin, runJson } from '../support/e2e.js';
import { startFaultProxy, type FaultAction, type FaultRequest } from '../support/fault-proxy.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-bulk-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
let fileNo = 0;
function file(text: string, name = 'users.txt'): string {
  const dir = path.join(work, String(fileNo++));
  fs.mkdirSync(dir);
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

async function allUsers(sdk: CognitoIdentityProviderClient, poolId: string): Promise<Map<string, UserType>> {
  const users = new Map<string, UserType>();
  let token: string | undefined;
  do {
    const r = await sdk.send(new ListUsersCommand({ UserPoolId: poolId, PaginationToken: token, Limit: 60 }));
    for (const u of r.Users ?? []) users.set(u.Username!, u);
    token = r.PaginationToken;
  } while (token);
  return users;
}

async function seed(sdk: CognitoIdentityProviderClient, poolId: string, names: string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const Username = names[next++]!;
      await sdk.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username, MessageAction: 'SUPPRESS' }));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/**
 * Faults by request number (every n-th request of the verb), and a record of which user each
 * request that reached moto was for: that is what "exactly once" is checked against.
 */
function faultPlan(operation: string) {
  const reached = new Map<string, number>();
  const lostAfterApply = new Map<string, number>();
  let n = 0;
  const plan = (req: FaultRequest): FaultAction => {
    if (req.operation !== operation) return 'forward';
    n++;
    const username = (JSON.parse(req.body) as { Username: string }).Username;
    let action: FaultAction = 'forward';
    if (n % 17 === 0) action = 'throttle';
    else if (n % 23 === 0) action = 'resetBefore';
    else if (n % 29 === 0) action = 'resetAfter';
    if (action === 'forward' || action === 'resetAfter') reached.set(username, (reached.get(username) ?? 0) + 1);
    if (action === 'resetAfter') lostAfterApply.set(username, (lostAfterApply.get(username) ?? 0) + 1);
    return action;
  };
  return { plan, reached, lostAfterApply };
}

/** Finished lines of the (only) journal of `operation` under a state folder. */
function finishedInJournal(stateHome: string): Set<number> {
  const dir = path.join(stateHome, 'cognito-admin', 'bulk');
  const journal = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.endsWith('.jsonl')) : undefined;
  if (!journal) return new Set();
  const last = new Map<number, string>();
  for (const line of fs.readFileSync(path.join(dir, journal), 'utf8').split('\n')) {
    try {
      const e = JSON.parse(line) as { r?: number; s?: string };
      if (typeof e.r === 'number') last.set(e.r, e.s!);
    } catch {
      // a line torn by the kill
    }
  }
  return new Set([...last].filter(([, s]) => s === 'done').map(([r]) => r));
}

const N = 1000;
const names = Array.from({ length: N }, (_, i) => `bulk${String(i).padStart(4, '0')}`);

describe.skipIf(!emulator('moto').url)('--from-file user verbs on moto', () => {
  let upstream: string;
  let env: Record<string, string | undefined>;
  let sdk: CognitoIdentityProviderClient;
  let poolId: string;

  beforeAll(async () => {
    upstream = emulator('moto').url!;
    env = emulatorEnv(upstream, { COGNITO_ADMIN_PROFILE: undefined });
    sdk = await emulatorSdk(upstream);
    ({ id: poolId } = await runJson<{ id: string }>(['pool', 'create', 'e2e-bulk'], { env }));
    await seed(sdk, poolId, names);
  }, 300_000);

  it('disables 1,000 users through throttling and resets before and after moto applied the request: each exactly once; the failures file re-runs as is', async () => {
    const input = file(`${names.join('\n')}\nghost-1\nghost-2\n`);
    const faults = faultPlan('AdminDisableUser');
    const proxy = await startFaultProxy({ upstream, plan: faults.plan });
    try {
      const r = await runBin(['user', 'disable', '--from-file', input, '--pool', poolId, '--yes', '--rate', 'unlimited', '--concurrency', '16', '-o', 'json'], {
        env: { ...env, AWS_ENDPOINT_URL: proxy.url },
        timeoutMs: 240_000,
      });
      expect(r.code, r.stderr).toBe(3);
      const summary = JSON.parse(r.stdout);
      expect(summary).toMatchObject({ verb: 'disable', done: N, failed: 2, invalid: 0, resumed: 0, interrupted: false });
      expect(summary.throttled).toBeGreaterThan(0);
      const ops = proxy.counters.byOperation.AdminDisableUser!;
      expect(ops.resetBefore).toBeGreaterThan(0);
      expect(ops.resetAfter).toBeGreaterThan(0);
      // every user reached moto once, and again only after an answer was lost
      for (const name of names) {
        expect(faults.reached.get(name), name).toBe(1 + (faults.lostAfterApply.get(name) ?? 0));
      }
      const state = await allUsers(sdk, poolId);
      expect(names.filter((n) => state.get(n)?.Enabled !== false)).toEqual([]);

      // The two users that were not there failed; the failures file names them and re-runs as is.
      const failures = path.join(path.dirname(input), 'users.failures.csv');
      expect(summary.failuresFile).toBe(failures);
      const lines = fs.readFileSync(failures, 'utf8').split('\r\n');
      expect(lines[0]).toBe('username,error_code,error_message');
      expect(lines.slice(1, -1).map((l) => l.split(',').slice(0, 2).join(',')).sort()).toEqual([
        'ghost-1,UserNotFoundException',
        'ghost-2,UserNotFoundException',
      ]);
      await seed(sdk, poolId, ['ghost-1', 'ghost-2']);
      const again = await runJson(['user', 'disable', '--from-file', failures, '--pool', poolId, '--yes'], { env: { ...env, AWS_ENDPOINT_URL: proxy.url } });
      expect(again).toMatchObject({ done: 2, failed: 0 });
      const after = await allUsers(sdk, poolId);
      expect(after.get('ghost-1')?.Enabled).toBe(false);
      expect(after.get('ghost-2')?.Enabled).toBe(false);
    } finally {
      await proxy.close();
    }
  }, 300_000);

  it('without a terminal and without --yes a destructive verb is exit 2 and changes nothing', async () => {
    const input = file(`${names.slice(0, 5).join('\n')}\n`);
    const r = await runBin(['user', 'delete', '--from-file', input, '--pool', poolId], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to delete 5 users of pool .* without confirmation: pass --yes/);
    const state = await allUsers(sdk, poolId);
    for (const name of names.slice(0, 5)) expect(state.has(name), name).toBe(true);
    const dry = await runJson(['user', 'delete', '--from-file', input, '--pool', poolId, '--dry-run'], { env });
    expect(dry).toMatchObject({ dryRun: true, users: 5, invalid: 0, first: names.slice(0, 5) });
    expect((await allUsers(sdk, poolId)).size).toBe(state.size);
  });

  it('deletes 1,000 users through faults, killed with SIGKILL mid-run and run again: each deleted exactly once, the finished ones resumed', async () => {
    const input = file(`${names.join('\n')}\n`);
    const stateHome = path.join(work, 'kill-state');
    const killEnv = { ...env, XDG_STATE_HOME: stateHome };
    const faults = faultPlan('AdminDeleteUser');
    const proxy = await startFaultProxy({ upstream, plan: faults.plan });
    try {
      const argv = ['user', 'delete', '--from-file', input, '--pool', poolId, '--yes', '-o', 'json'];
      const child = spawn(process.execPath, [BIN, ...argv, '--rate', '40', '--concurrency', '4'], {
        env: { ...killEnv, AWS_ENDPOINT_URL: proxy.url } as NodeJS.ProcessEnv,
        stdio: 'ignore',
      });
      await vi.waitFor(() => expect(finishedInJournal(stateHome).size).toBeGreaterThanOrEqual(100), { timeout: 60_000, interval: 50 });
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const finishedBefore = finishedInJournal(stateHome);
      expect(finishedBefore.size).toBeLessThan(N);
      const reachedBefore = new Map(faults.reached);

      const r = await runBin([...argv, '--rate', 'unlimited', '--concurrency', '16'], {
        env: { ...killEnv, AWS_ENDPOINT_URL: proxy.url },
        timeoutMs: 240_000,
      });
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout);
      expect(r.stderr).toMatch(/resuming: an earlier run of user delete on this input finished \d+ users/);
      expect(summary.resumed).toBe(finishedBefore.size);
      expect(summary.done + summary.resumed).toBe(N);
      expect(summary.failed).toBe(0);
      // Users finished before the kill were not sent again; every user reached moto once (twice
      // only after a lost answer, or when the kill came between sending and recording).
      for (const line of finishedBefore) {
        expect(faults.reached.get(names[line - 1]!), names[line - 1]).toBe(reachedBefore.get(names[line - 1]!));
      }
      for (const name of names) {
        const times = faults.reached.get(name) ?? 0;
        expect(times, name).toBeGreaterThanOrEqual(1);
        const killedInFlight = finishedBefore.has(names.indexOf(name) + 1) ? 0 : 1;
        expect(times, name).toBeLessThanOrEqual(1 + (faults.lostAfterApply.get(name) ?? 0) + killedInFlight);
      }
      const state = await allUsers(sdk, poolId);
      expect(names.filter((n) => state.has(n))).toEqual([]);
    } finally {
      await proxy.close();
    }
  }, 400_000);

  it('the clean-up of stale sign-ups: user list … -o ndjson | user delete --from-file - --yes', async () => {
    const { id: pool } = await runJson<{ id: string }>(['pool', 'create', 'e2e-cleanup'], { env });
    const { UserPoolClient } = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'app' }));
    const stale = ['stale-a', 'stale-b', 'stale-c'];
    for (const Username of stale) {
      await sdk.send(new SignUpCommand({ ClientId: UserPoolClient!.ClientId!, Username, Password: 'Passw0rd!long' }));
    }
    await seed(sdk, pool, ['kept-admin-made']);
    const cutoff = new Date(Date.now() + 60_000).toISOString();
    const shell = spawn(
      '/bin/sh',
      ['-c', `"$NODE" "$BIN" user list --pool "$POOL" --status UNCONFIRMED --created-before "$CUTOFF" -o ndjson | "$NODE" "$BIN" user delete --from-file - --pool "$POOL" --yes -o json`],
      { env: { ...env, NODE: process.execPath, BIN, POOL: pool, CUTOFF: cutoff } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    shell.stdout.on('data', (d) => (stdout += d));
    shell.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((r) => shell.once('close', r));
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ verb: 'delete', done: 3, failed: 0 });
    expect([...(await allUsers(sdk, pool)).keys()]).toEqual(['kept-admin-made']);

    // Nothing older than the cut-off: nothing listed, nothing to delete.
    const none = await runBin(['user', 'list', '--pool', pool, '--created-before', '2000-01-01', '-o', 'ndjson'], { env });
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    const disabledOnly = await runJson<unknown[]>(['user', 'list', '--pool', pool, '--disabled', '--created-after', '1h'], { env });
    expect(disabledOnly).toEqual([]);
  }, 120_000);
});
