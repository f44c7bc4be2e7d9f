// --debug over every new sign-in flow: one-time codes, remembered devices (ConfirmDevice's
// verifier, the device SRP), rotated refresh tokens and the admin views print every AWS request
// and response, and none of the secrets they carry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base32Encode } from '../support/fake-cognito/index.js';
import { fakeCognitoForFile } from '../support/fake-cognito-file.js';
import { emulatorEnv, runBin } from '../support/e2e.js';
import { spawnBin, waitFor } from '../support/background-bin.js';

const PASSWORD = 'Corr3ct-Horse!battery';
const server = fakeCognitoForFile({ region: 'us-east-1' });


describe('--debug over the new flows', () => {
  it('shows the calls and no code, secret, verifier, device secret or token', async () => {
    const pool = server.createPool({ mfa: 'ON' });
    server.features.userAuth(pool.id, ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
    server.features.deviceTracking(pool.id);
    const client = server.createClient(pool.id, { secret: true, flows: ['ALLOW_USER_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    server.features.refreshRotation(client.clientId, { graceSeconds: 10 });
    const totp = randomBytes(20);
    server.addUser(pool.id, { username: 'dbg', password: PASSWORD, attributes: { email: 'dbg@example.com' }, mfa: { totpSecret: totp, preferred: 'SOFTWARE_TOKEN_MFA' } });
    const env = emulatorEnv(server.url, {
      COGNITO_USER_POOL_ID: pool.id,
      COGNITO_CLIENT_ID: client.clientId,
      COGNITO_CLIENT_SECRET: client.clientSecret,
      COGNITO_PASSWORD: PASSWORD,
    });
    const sessionFile = () => JSON.parse(readFileSync(join(env.XDG_STATE_HOME!, 'cognito-admin', 'sessions', 'default--dbg.json'), 'utf8'));
    const stderr: string[] = [];
    const run = async (argv: string[], extra: Record<string, string> = {}) => {
      const result = await runBin([...argv, '--debug', '-o', 'table'], { env: { ...env, ...extra } });
      expect(result.code, result.stderr).toBe(0);
      stderr.push(result.stderr, result.stdout);
    };

    // A one-time code by email, read from stdin when it arrives.
    const otp = spawnBin(['auth', 'login', 'dbg', '--flow', 'user-auth', '--prefer', 'email-otp', '--otp-code', '-', '--debug', '-o', 'table'], env);
    const code = await waitFor(() => server.lastCode('email', 'dbg'), 'the email code');
    otp.write(code);
    otp.end();
    const otpResult = await otp.result;
    expect(otpResult.code, otpResult.stderr).toBe(0);
    stderr.push(otpResult.stderr);
    const tokens = [sessionFile().accessToken, sessionFile().idToken, sessionFile().refreshToken];

    await run(['auth', 'login', 'dbg', '--remember-device'], { COGNITO_TOTP_SECRET: base32Encode(totp) });
    tokens.push(sessionFile().accessToken, sessionFile().refreshToken);
    const device = JSON.parse(readFileSync(join(env.XDG_STATE_HOME!, 'cognito-admin', 'sessions', 'default--dbg.device'), 'utf8'));
    await run(['auth', 'login', 'dbg', '--flow', 'user-auth', '--prefer', 'password-srp']);
    tokens.push(sessionFile().accessToken, sessionFile().refreshToken);
    await run(['auth', 'refresh']);
    tokens.push(sessionFile().accessToken, sessionFile().refreshToken);
    await run(['auth', 'devices']);
    await run(['user', 'sessions', 'dbg']);
    await run(['user', 'events', 'dbg']);
    await run(['user', 'auth-factors', 'dbg']);
    await run(['auth', 'passkeys']);

    const verifier = server.callsTo('ConfirmDevice').at(-1)!.body.DeviceSecretVerifierConfig;
    const deviceProof = server.callsTo('RespondToAuthChallenge').find((c) => c.body.ChallengeName === 'DEVICE_PASSWORD_VERIFIER')!.body.ChallengeResponses;
    const secrets = {
      code,
      password: PASSWORD,
      clientSecret: client.clientSecret!,
      totpSecret: base32Encode(totp),
      deviceSecret: device.secret,
      verifier: verifier.PasswordVerifier,
      verifierSalt: verifier.Salt,
      deviceSignature: deviceProof.PASSWORD_CLAIM_SIGNATURE,
      ...Object.fromEntries(tokens.map((t, i) => [`token${i}`, t])),
    };
    const text = stderr.join('\n');
    expect(text).toMatch(/ConfirmDevice/);
    expect(text).toMatch(/GetTokensFromRefreshToken/);
    expect(text).toMatch(/DEVICE_PASSWORD_VERIFIER/);
    for (const [name, value] of Object.entries(secrets)) {
      expect(value, name).toBeTruthy();
      expect(text.includes(value as string), `${name} leaked into --debug output`).toBe(false);
    }
  });
});
