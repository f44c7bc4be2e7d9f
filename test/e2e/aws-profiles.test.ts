// AWS shared-config profiles through the real credential providers: an assume-role profile with
// mfa_serial asks for the code through our prompter, so without a terminal it is a usage error
// naming what is missing, and nothing is sent.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { runBin } from '../support/e2e.js';
import { isolatedEnv } from '../support/cli.js';

describe('AWS profiles', () => {
  it('an assume-role profile with mfa_serial asks for the code, and without a terminal says so', async () => {
    const env = isolatedEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_REGION: 'eu-west-1' });
    writeFileSync(
      env.AWS_CONFIG_FILE!,
      '[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/ann\n',
    );
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, '[base]\naws_access_key_id = AKIABASEBASEBASEBASE\naws_secret_access_key = base-secret\n');
    const result = await runBin(['pool', 'list', '--aws-profile', 'admin', '--endpoint', 'http://127.0.0.1:9'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: an MFA code for arn:aws:iam::123456789012:mfa\/ann is required/);
    expect(result.stderr).not.toContain('base-secret');
  });

  it('a profile of the shared credentials file is used with --aws-profile', async () => {
    const env = isolatedEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, '[ops]\naws_access_key_id = AKIAOPSOPSOPSOPSOPS1\naws_secret_access_key = ops-secret\n');
    const result = await runBin(['doctor', '--aws-profile', 'ops', '-o', 'json'], { env });
    const report = JSON.parse(result.stdout);
    expect(report.checks[0]).toMatchObject({ check: 'AWS credentials', verdict: 'ok' });
    expect(report.checks[0].detail).toMatch(/AWS profile ops \(--aws-profile\): key AKIA…OPS1/);
  });
});
