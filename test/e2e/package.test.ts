// What ships: packs a copy of the checkout as `npm publish` would (its prepare step builds the
// bundle), installs the tarball with --omit=dev into a prefix of its own, as an operator would on
// a clean machine, and runs the installed command — so a file missing from `files`, a build step
// that npm does not run, or a runtime import of a development dependency fails here.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AdminCreateUserCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCheckout, installGlobal, pack, type Packed } from '../../scripts/lib/package.mjs';
import { isolatedEnv } from '../support/cli.js';
import { emulator, emulatorEnv, emulatorSdk } from '../support/e2e.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let work: string;
let packed: Packed;
let installed: { packageDir: string; command: string };
const homes: string[] = [];

/** Runs the installed command (its own shebang, found through the prefix's bin/). */
function runInstalled(argv: string[], env: Record<string, string | undefined>) {
  homes.push(env.HOME!);
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(installed.command, argv, { env: env as NodeJS.ProcessEnv, cwd: work, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Every package the bundle loads at run time: import/export…from, import(), require() and createRequire(…)(). */
function bareSpecifiers(dir: string): Set<string> {
  const found = new Set<string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.c?js$/.test(entry.name)) {
        const source = readFileSync(path, 'utf8');
        // (Not "[require(\"x\")]": the SDK's hint about an optional package, inside an error message.)
        const loads = /(?:__nodeRequire\(|(?<!\[)\brequire\(|createRequire\d*\)?\((?:import\.meta\.url|__filename)\)\(|\bfrom\s*|\bimport\s*\(\s*|^import\s+)"([^"]+)"/gm;
        for (const m of source.matchAll(loads)) {
          if (PACKAGE_SPECIFIER.test(m[1]!)) found.add(m[1]!);
        }
      }
    }
  };
  walk(dir);
  return found;
}

const PACKAGE_SPECIFIER = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w.\/-]+)?$/;
const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'cognito-admin-package-'));
  const checkout = join(work, 'checkout');
  mkdirSync(checkout);
  copyCheckout(ROOT, checkout);
  packed = pack(checkout, work);
  installed = installGlobal(packed.tarball, join(work, 'prefix'));
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('ships the command, the bundle built by the prepare step and the completions; no sources, tests or source maps', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'bin/cognito-admin.js',
        'bin/compile-cache.cjs',
        'bin/package.json',
        'dist/cli/cli.js',
        'dist/cli/noun-user.js',
        'dist/cli/package.json',
        'dist/cli/vendor/@aws-sdk.cjs',
        'completions/cognito-admin.bash',
      ]),
    );
    const unexpected = paths.filter(
      (p) => !/^(package\.json|README\.md|LICENSE[^/]*|(bin|dist\/cli)\/package\.json|bin\/[^/]+\.c?js|dist\/cli\/.+\.c?js|completions\/[^/]+)$/.test(p),
    );
    expect(unexpected).toEqual([]);
    expect(paths.some((p) => p.endsWith('.map') || p.endsWith('.ts') || /(^|\/)test\//.test(p))).toBe(false);
    // The bundle was built from the sources of this checkout, not copied from an earlier build.
    expect(existsSync(join(work, 'checkout', 'dist', 'cli', 'cli.js'))).toBe(true);
  });
});

describe('npm install -g <tarball> --omit=dev into a clean prefix', () => {
  it('installs no development dependency, and every package the bundle loads is a runtime dependency that is installed', () => {
    const modules = join(installed.packageDir, 'node_modules');
    const present = Object.keys(manifest.devDependencies).filter((name) => existsSync(join(modules, name)));
    expect(present).toEqual([]);

    const specifiers = bareSpecifiers(join(installed.packageDir, 'dist', 'cli'));
    // The scan does find the lazily loaded ones (the CSV parser, tables, QR codes); the AWS SDK is
    // bundled (dist/cli/vendor/@aws-sdk.cjs), so nothing requires it from node_modules.
    expect([...specifiers].map(packageName)).toEqual(expect.arrayContaining(['csv-parse', 'cli-table3', 'qrcode-terminal', 'aws-jwt-verify']));
    expect([...specifiers].filter((s) => s.startsWith('@aws-sdk/') || s.startsWith('@smithy/'))).toEqual([]);
    for (const specifier of specifiers) {
      const name = packageName(specifier);
      expect(manifest.dependencies, `${specifier} (loaded by the bundle)`).toHaveProperty([name]);
      expect(existsSync(join(modules, name, 'package.json')), `${name} installed`).toBe(true);
    }
  });

  it('runs --help, token decode and mfa code with nothing but the installed package', async () => {
    const env = isolatedEnv();
    const help = await runInstalled(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: cognito-admin/);

    const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const jwt = `${b64({ alg: 'RS256', kid: 'k' })}.${b64({ sub: 'packaged', token_use: 'id', exp: 2_000_000_000 })}.c2ln`;
    const decode = await runInstalled(['token', 'decode', jwt, '-o', 'json'], env);
    expect(decode.code, decode.stderr).toBe(0);
    expect(decode.stderr).toMatch(/^warning: signature not verified/);
    expect(JSON.parse(decode.stdout).claims.sub).toBe('packaged');

    const code = await runInstalled(['mfa', 'code', '-o', 'json'], { ...env, COGNITO_TOTP_SECRET: 'JBSWY3DPEHPK3PXP' });
    expect(code.code).toBe(0);
    expect(JSON.parse(code.stdout).code).toMatch(/^\d{6}$/);
  });

  it('runs user get (the AWS SDK) and user import --dry-run (the CSV parser) against cognito-local', async () => {
    const url = emulator('cognito-local').url!;
    const sdk = await emulatorSdk(url);
    try {
      const pool = (await sdk.send(new CreateUserPoolCommand({ PoolName: 'packaged' }))).UserPool!.Id!;
      await sdk.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'installed-user', MessageAction: 'SUPPRESS' }));
      const env = emulatorEnv(url);

      const get = await runInstalled(['user', 'get', 'installed-user', '--pool', pool, '-o', 'json'], env);
      expect(get.stderr).toBe('');
      expect(get.code).toBe(0);
      expect(JSON.parse(get.stdout).username).toBe('installed-user');

      const table = await runInstalled(['user', 'get', 'installed-user', '--pool', pool, '-o', 'table'], env);
      expect(table.code).toBe(0);
      expect(table.stdout).toContain('installed-user');

      const csv = join(env.HOME!, 'users.csv');
      writeFileSync(csv, 'username,email\n"new-user","new@example.com"\n');
      const dry = await runInstalled(['user', 'import', csv, '--pool', pool, '--dry-run', '-o', 'json'], env);
      expect(dry.code, dry.stderr).toBe(0);
      expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, rows: 1, invalid: 0 });
    } finally {
      sdk.destroy();
    }
  });
});
