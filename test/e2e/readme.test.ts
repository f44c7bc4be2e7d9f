// Every shell example of README.md runs: the ```sh blocks are extracted and run with bash through
// the built binary, in order within their section (a section is one script, in one sandbox: its
// own config, state and working folder), against the emulator the block's marker names. A block
// without a marker fails the test, so a new README section cannot go untested by accident.
// The convention is written in the README's Development section.
import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, emulator, emulatorEnv } from '../support/e2e.js';
import { isolatedEnv } from '../support/cli.js';
import { tempDir } from '../support/temp-dirs.js';
import { base32Decode, startFakeCognito, type FakeCognito } from '../support/fake-cognito/index.js';
import { parseReadme, type Example } from '../support/readme-examples.js';

const README = new URL('../../README.md', import.meta.url);
const examples = parseReadme(readFileSync(README, 'utf8'));
const fakes: FakeCognito[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

/** A folder with a `cognito-admin` command that runs the built binary. */
function binFolder(): string {
  const dir = tempDir('cognito-admin-readme-bin-');
  const shim = join(dir, 'cognito-admin');
  writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
  chmodSync(shim, 0o755);
  return dir;
}

/** What the README's Development section promises a `fake-cognito` block (keep the two in step). */
const FAKE_FIXTURE = { username: 'ann', email: 'ann@example.com', password: 'Corr3ct-Horse!', totpSecret: 'JBSWY3DPEHPK3PXP' } as const;
const BROWSER = fileURLToPath(new URL('../support/browser/browser.mjs', import.meta.url));

/**
 * A fake Cognito per section, set up as a pool of today's console would be: choice-based sign-in,
 * device tracking (remembered on the user's say), an OAuth2 domain with the resource server
 * `orders`, the app client `web` (no secret; SRP, password, refresh, user-auth; the code grant to
 * http://localhost:8484/callback; refresh-token rotation) and `api` (a secret; client credentials
 * for orders/read), and the user ann with TOTP. The fake has no AdminCreateUser or
 * CreateUserPoolClient, so these cannot be made by the blocks themselves. `$BROWSER` is the suite's
 * stand-in for a person, who signs in on the login page as ann.
 */
async function fakeCognitoSandbox(): Promise<Record<string, string | undefined>> {
  const fake = await startFakeCognito({ region: 'us-east-1' });
  fakes.push(fake);
  const pool = fake.createPool({ name: 'shop', mfa: 'OPTIONAL' });
  fake.features.userAuth(pool.id);
  fake.features.deviceTracking(pool.id, { deviceOnlyRememberedOnUserPrompt: true });
  fake.createResourceServer(pool.id, 'orders', ['read', 'write'], 'Orders');
  const web = fake.createClient(pool.id, {
    name: 'web',
    flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_AUTH'],
    oauthFlows: ['code'],
    scopes: ['openid', 'email', 'aws.cognito.signin.user.admin'],
    callbackUrls: ['http://localhost:8484/callback'],
  });
  fake.features.refreshRotation(web.clientId, { graceSeconds: 60 });
  fake.createClient(pool.id, { name: 'api', secret: true, oauthFlows: ['client_credentials'], scopes: ['orders/read'] });
  fake.addUser(pool.id, {
    username: FAKE_FIXTURE.username,
    password: FAKE_FIXTURE.password,
    attributes: { email: FAKE_FIXTURE.email, email_verified: 'true' },
    mfa: { totpSecret: base32Decode(FAKE_FIXTURE.totpSecret), preferred: 'SOFTWARE_TOKEN_MFA' },
  });
  return emulatorEnv(fake.url, {
    COGNITO_USER_POOL_ID: pool.id,
    COGNITO_CLIENT_ID: web.clientId,
    COGNITO_USER_POOL_DOMAIN: fake.domainUrl(pool.id),
    BROWSER,
    FAKE_BROWSER_USERNAME: FAKE_FIXTURE.username,
    FAKE_BROWSER_PASSWORD: FAKE_FIXTURE.password,
  });
}

async function sandboxFor(runner: Example['runner']): Promise<Record<string, string | undefined> | undefined> {
  switch (runner) {
    case 'local':
      // Commands that never call AWS; an endpoint nobody listens on makes sure of it.
      return isolatedEnv({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_REGION: 'us-east-1' });
    case 'cognito-local':
    case 'moto': {
      const url = emulator(runner).url;
      return url ? emulatorEnv(url) : undefined;
    }
    case 'fake-cognito':
      return fakeCognitoSandbox();
    default:
      return undefined;
  }
}

function bash(script: string, cwd: string, env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

describe('README.md', () => {
  it('has a readme-test marker before every sh example', () => {
    const unmarked = examples.filter((e) => e.runner === undefined).map((e) => `line ${e.line} (${e.section})`);
    expect(unmarked, 'add <!-- readme-test: … --> before these blocks (see the Development section)').toEqual([]);
    expect(examples.filter((e) => e.runner === 'skip' && !e.reason).map((e) => `line ${e.line}`), 'a skipped block says why').toEqual([]);
  });

  const sections = new Map<string, Example[]>();
  for (const e of examples) {
    if (e.runner === undefined || e.runner === 'skip') continue;
    sections.set(e.section, [...(sections.get(e.section) ?? []), e]);
  }
  for (const [section, blocks] of sections) {
    const runners = [...new Set(blocks.map((b) => b.runner))];
    const runner = runners[0]!;
    it(`section "${section}" runs as written on ${runner}`, async () => {
      expect(runners, `one section runs on one emulator: ${section}`).toHaveLength(1);
      const env = await sandboxFor(runner);
      if (!env) return void console.warn(`README section "${section}": ${runner} is not available, not run`);
      const path = `${binFolder()}:${env.PATH ?? ''}`;
      const cwd = tempDir('cognito-admin-readme-');
      for (const block of blocks) {
        const result = await bash(block.code, cwd, { ...env, PATH: path, HOME: env.HOME });
        expect(result.code, `README line ${block.line}:\n${block.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`).toBe(block.exit);
      }
    }, 120_000);
  }
});
