// doctor through the built binary: a working emulator setup, and a broken one explained.
import { describe, expect, it } from 'vitest';
import { emulator, emulatorEnv, runBin, runJson } from '../support/e2e.js';
import { isolatedEnv } from '../support/cli.js';

describe('doctor', () => {
  it('passes on cognito-local with a pool and client from a profile', async () => {
    const env = emulatorEnv(emulator('cognito-local').url!);
    await runJson(['pool', 'create', 'doctor-pool', '--with-client', 'web', '--save-profile', 'doc'], { env });
    const result = await runBin(['doctor', '-o', 'text'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ AWS credentials: found in environment/);
    expect(result.stdout).toMatch(/✓ user pool: doctor-pool \(\S+\) reachable/);
    expect(result.stdout).toMatch(/✓ app client: web \(\S+\): flows srp, refresh; no secret/);
  });

  it('explains missing credentials in words and exits 1', async () => {
    const env = isolatedEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, COGNITO_USER_POOL_ID: 'eu-west-1_AbC' });
    const result = await runBin(['doctor', '-o', 'json'], { env });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(false);
    expect(report.checks[0]).toMatchObject({ check: 'AWS credentials', verdict: 'fail' });
    expect(report.checks[0].hint).toMatch(/aws configure/);
    expect(report.checks[1]).toMatchObject({ check: 'user pool', verdict: 'skip', detail: 'skipped: needs AWS credentials' });
  });
});
