// pool update on moto, whose UpdateUserPool resets what a request leaves out, as Cognito does: the
// settings the tool does not manage are set with a plain SDK call, and read back after our update.
import { describe, expect, it } from 'vitest';
import {
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { emulator, emulatorEnv, emulatorSdk, runBin, runJson } from '../support/e2e.js';

const moto = emulator('moto');
const TRIGGER = 'arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up';

describe.skipIf(!moto.url)('pool update on moto', () => {
  it('keeps the Lambda trigger, the verification message and admin-only sign-up it was not asked to change', async () => {
    const sdk = await emulatorSdk(moto.url!);
    const env = emulatorEnv(moto.url!);
    const { UserPool } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'update-keeps' }));
    const poolId = UserPool!.Id!;
    await sdk.send(
      new UpdateUserPoolCommand({
        UserPoolId: poolId,
        LambdaConfig: { PreSignUp: TRIGGER },
        VerificationMessageTemplate: { EmailMessage: 'Your shop code is {####}', EmailSubject: 'Shop code', DefaultEmailOption: 'CONFIRM_WITH_CODE' },
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      }),
    );
    const probe = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(probe.UserPool?.LambdaConfig?.PreSignUp).toBe(TRIGGER);

    const dry = await runBin(['pool', 'update', poolId, '--password-min-length', '14', '--deletion-protection', '--dry-run', '-o', 'text'], { env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^Policies\.PasswordPolicy\.MinimumLength: 8 → 14$/m);
    expect(dry.stdout).toMatch(/^DeletionProtection: .* → ACTIVE$/m);
    const untouched = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(untouched.UserPool?.Policies?.PasswordPolicy?.MinimumLength).toBe(8);

    const result = await runJson(['pool', 'update', poolId, '--password-min-length', '14', '--deletion-protection'], { env });
    expect(result).toMatchObject({ poolId, changed: true });

    const after = (await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
    expect(after.Policies?.PasswordPolicy?.MinimumLength).toBe(14);
    expect(after.DeletionProtection).toBe('ACTIVE');
    expect(after.LambdaConfig?.PreSignUp).toBe(TRIGGER);
    expect(after.VerificationMessageTemplate).toMatchObject({ EmailMessage: 'Your shop code is {####}', EmailSubject: 'Shop code' });
    expect(after.AdminCreateUserConfig?.AllowAdminCreateUserOnly).toBe(true);

    // Protected now: delete refuses and names the safe way back; that way works and keeps the rest.
    const refused = await runBin(['pool', 'delete', poolId, '--yes'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`cognito-admin pool update ${poolId} --no-deletion-protection`);
    expect((await runBin(['pool', 'update', poolId, '--no-deletion-protection'], { env })).code).toBe(0);
    const unprotected = (await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
    expect(unprotected.DeletionProtection).toBe('INACTIVE');
    expect(unprotected.LambdaConfig?.PreSignUp).toBe(TRIGGER);
    expect(unprotected.Policies?.PasswordPolicy?.MinimumLength).toBe(14);
    expect((await runBin(['pool', 'delete', poolId, '--yes'], { env })).code).toBe(0);
  });

  it('turns MFA on with TOTP, and a later update of something else leaves MFA on', async () => {
    const sdk = await emulatorSdk(moto.url!);
    const env = emulatorEnv(moto.url!);
    const { UserPool } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'update-mfa' }));
    const poolId = UserPool!.Id!;
    expect((await runBin(['pool', 'update', poolId, '--mfa', 'optional', '--totp'], { env })).code).toBe(0);
    const mfa = await sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    expect(mfa).toMatchObject({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });

    expect((await runBin(['pool', 'update', poolId, '--temp-password-days', '3'], { env })).code).toBe(0);
    const after = (await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
    expect(after.MfaConfiguration).toBe('OPTIONAL');
    expect(after.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays).toBe(3);
    expect((await sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).SoftwareTokenMfaConfiguration?.Enabled).toBe(true);
  });

  it('moto, as Cognito, resets what a plain UpdateUserPool leaves out (the trap the command avoids)', async () => {
    const sdk = await emulatorSdk(moto.url!);
    const { UserPool } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'update-trap', LambdaConfig: { PreSignUp: TRIGGER } }));
    await sdk.send(new UpdateUserPoolCommand({ UserPoolId: UserPool!.Id!, DeletionProtection: 'INACTIVE' }));
    const after = (await sdk.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id! }))).UserPool!;
    expect(after.LambdaConfig?.PreSignUp).toBeUndefined();
  });

  it('refuses to change the sign-in attributes and changes nothing', async () => {
    const sdk = await emulatorSdk(moto.url!);
    const { UserPool } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'update-immutable' }));
    const result = await runBin(['pool', 'update', UserPool!.Id!, '--sign-in', 'email'], { env: emulatorEnv(moto.url!) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/pool clone/);
    const after = (await sdk.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id! }))).UserPool!;
    expect(after.UsernameAttributes ?? []).toEqual([]);
  });
});
