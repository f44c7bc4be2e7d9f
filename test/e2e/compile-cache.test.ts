// The V8 code caches of the bundle (bin/compile-cache.cjs): the CLI's core, the bundle of the noun
// a command names and, for commands that call AWS, the bundled SDK; written on a second run into the user's cache folder, privately, used
// afterwards, rewritten when V8 rejects one, and not at all with NODE_DISABLE_COMPILE_CACHE.
// (What they save is measured by `npm run bench`.)
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminCreateUserCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulator, emulatorEnv, emulatorSdk, runBin } from '../support/e2e.js';

const dirs: string[] = [];
let pool: string;
let url: string;

beforeAll(async () => {
  url = emulator('cognito-local').url!;
  const sdk = await emulatorSdk(url);
  try {
    pool = (await sdk.send(new CreateUserPoolCommand({ PoolName: 'compile-cache' }))).UserPool!.Id!;
    await sdk.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'cached', MessageAction: 'SUPPRESS' }));
  } finally {
    sdk.destroy();
  }
});

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function setup(extra: Record<string, string> = {}) {
  const cacheHome = mkdtempSync(join(tmpdir(), 'cognito-admin-cache-'));
  dirs.push(cacheHome);
  const env = emulatorEnv(url, { XDG_CACHE_HOME: cacheHome, ...extra });
  dirs.push(env.HOME!);
  const folder = join(cacheHome, 'cognito-admin', 'compile-cache');
  const files = () => (existsSync(folder) ? readdirSync(folder).sort() : []);
  const userGet = async () => {
    const r = await runBin(['user', 'get', 'cached', '--pool', pool, '-o', 'json'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as { username: string };
  };
  return { env, folder, files, userGet };
}

const SDK = /^@aws-sdk\.cjs-/;

describe('compile caches of the bundle', () => {
  it('a marker on the first run, the caches on the second, private; used as they are afterwards', async () => {
    const { folder, files, userGet } = setup();
    expect((await userGet()).username).toBe('cached');
    expect(files().map((f) => f.replace(/\.(c?js)-.*\./, '.$1-….'))).toEqual(['@aws-sdk.cjs-….seen', 'cli.js-….seen', 'noun-user.js-….seen']);

    expect((await userGet()).username).toBe('cached');
    const caches = files().filter((f) => f.endsWith('.v8'));
    expect(caches).toHaveLength(3);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const written = caches.map((c) => readFileSync(join(folder, c)));
    for (const c of caches) expect(statSync(join(folder, c)).mode & 0o777).toBe(0o600);
    for (const w of written) expect(w.length).toBeGreaterThan(10_000);

    expect((await userGet()).username).toBe('cached');
    expect(files()).toHaveLength(6);
    caches.forEach((c, i) => expect(readFileSync(join(folder, c)).equals(written[i]!)).toBe(true)); // accepted, not written again
  });

  it('a cache V8 rejects is written again, and the command works all the same', async () => {
    const { folder, files, userGet } = setup();
    await userGet();
    await userGet();
    const cache = files().find((f) => SDK.test(f) && f.endsWith('.v8'))!;
    writeFileSync(join(folder, cache), Buffer.alloc(4096, 7));
    expect((await userGet()).username).toBe('cached');
    const again = readFileSync(join(folder, cache));
    expect(again.equals(Buffer.alloc(4096, 7))).toBe(false);
    expect(again.length).toBeGreaterThan(100_000);
  });

  it('commands that do not call AWS do not load the SDK bundle, --help no noun bundle; NODE_DISABLE_COMPILE_CACHE turns it all off', async () => {
    const local = setup();
    const help = await runBin(['--help'], { env: local.env });
    expect(help.code).toBe(0);
    expect(local.files().map((f) => f.replace(/\.js-.*\./, '.js-….'))).toEqual(['cli.js-….seen']);
    const decode = await runBin(['token', 'decode', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'], { env: local.env });
    expect(decode.code, decode.stderr).toBe(0);
    expect(local.files().map((f) => f.replace(/\.js-.*\./, '.js-….'))).toEqual(['cli.js-….seen', 'cli.js-….v8', 'noun-token.js-….seen']);

    const off = setup({ NODE_DISABLE_COMPILE_CACHE: '1' });
    await off.userGet();
    await off.userGet();
    expect(existsSync(off.folder)).toBe(false);
  });
});
