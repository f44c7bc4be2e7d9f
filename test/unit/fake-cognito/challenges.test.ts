// Every auth challenge, through the SDK v3 client: password flows, NEW_PASSWORD_REQUIRED,
// SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP, SELECT_MFA_TYPE, MFA_SETUP, CUSTOM_CHALLENGE,
// and the admin flows.
import { describe, expect, it } from 'vitest';
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes } from 'node:crypto';
import type { FakeCognito } from '../../support/fake-cognito/index.js';
import { rejection, useFakeCognito } from './sdk.js';

let server: FakeCognito;
let sdk: CognitoIdentityProviderClient;

useFakeCognito((started, client) => {
  server = started;
  sdk = client;
});

const PASSWORD_FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'];

function setup(pool: Parameters<FakeCognito['createPool']>[0] = {}) {
  const p = server.createPool(pool);
  const { clientId } = server.createClient(p.id, { flows: PASSWORD_FLOWS });
  return { poolId: p.id, clientId };
}

const passwordAuth = (clientId: string, username: string, password: string) =>
  sdk.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );

const respond = (clientId: string, prev: InitiateAuthCommandOutput, responses: Record<string, string>) =>
  sdk.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: prev.ChallengeName,
      Session: prev.Session,
      ChallengeResponses: responses,
    }),
  );

describe('password sign-in', () => {
  it('refuses a flow the client does not allow, with Cognito message', async () => {
    const pool = server.createPool();
    const { clientId } = server.createClient(pool.id);
    server.addUser(pool.id, { username: 'ann', password: 'Good-pass-1' });
    const error = await rejection(passwordAuth(clientId, 'ann', 'Good-pass-1'));
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toBe('USER_PASSWORD_AUTH flow not enabled for this client');
  });

  it('signs in, and names wrong passwords, unknown, unconfirmed and reset-required users', async () => {
    const { poolId, clientId } = setup();
    server.addUser(poolId, { username: 'ann', password: 'Good-pass-1' });
    server.addUser(poolId, { username: 'new', password: 'Good-pass-1', status: 'UNCONFIRMED' });
    server.addUser(poolId, { username: 'old', status: 'RESET_REQUIRED' });
    const ok = await passwordAuth(clientId, 'ann', 'Good-pass-1');
    expect(ok.AuthenticationResult).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 3600 });
    expect(ok.ChallengeParameters).toEqual({});
    const wrong = await rejection(passwordAuth(clientId, 'ann', 'Bad-pass-1'));
    expect([wrong.name, wrong.message]).toEqual(['NotAuthorizedException', 'Incorrect username or password.']);
    expect((await rejection(passwordAuth(clientId, 'nobody', 'Good-pass-1'))).name).toBe('UserNotFoundException');
    expect((await rejection(passwordAuth(clientId, 'new', 'Good-pass-1'))).name).toBe('UserNotConfirmedException');
    expect((await rejection(passwordAuth(clientId, 'old', 'x'))).name).toBe('PasswordResetRequiredException');
  });

  it('hides unknown users behind NotAuthorizedException when the client prevents existence errors', async () => {
    const pool = server.createPool();
    const { clientId } = server.createClient(pool.id, { flows: PASSWORD_FLOWS, preventUserExistenceErrors: true });
    const error = await rejection(passwordAuth(clientId, 'nobody', 'Good-pass-1'));
    expect([error.name, error.message]).toEqual(['NotAuthorizedException', 'Incorrect username or password.']);
  });
});

describe('NEW_PASSWORD_REQUIRED', () => {
  it('asks for the new password and the missing required attributes', async () => {
    const { poolId, clientId } = setup({ requiredAttributes: ['email', 'name'] });
    server.addUser(poolId, {
      username: 'temp',
      password: 'Temp-pass-1',
      status: 'FORCE_CHANGE_PASSWORD',
      attributes: { email: 'temp@example.com', email_verified: 'true' },
    });
    const first = await passwordAuth(clientId, 'temp', 'Temp-pass-1');
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(JSON.parse(first.ChallengeParameters!.requiredAttributes!)).toEqual(['userAttributes.name']);
    expect(JSON.parse(first.ChallengeParameters!.userAttributes!)).toEqual({
      email: 'temp@example.com',
      email_verified: 'true',
    });
    expect(first.ChallengeParameters!.USER_ID_FOR_SRP).toBe('temp');

    const missing = await rejection(respond(clientId, first, { USERNAME: 'temp', NEW_PASSWORD: 'Fresh-pass-1' }));
    expect(missing.name).toBe('InvalidParameterException');
    const weak = await rejection(respond(clientId, first, { USERNAME: 'temp', NEW_PASSWORD: 'short', 'userAttributes.name': 'T' }));
    expect(weak.name).toBe('InvalidPasswordException');

    const done = await respond(clientId, first, {
      USERNAME: 'temp',
      NEW_PASSWORD: 'Fresh-pass-1',
      'userAttributes.name': 'Temp Person',
    });
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();
    const user = server.user(poolId, 'temp')!;
    expect(user).toMatchObject({ status: 'CONFIRMED', password: 'Fresh-pass-1' });
    expect(user.attributes.name).toBe('Temp Person');
    const reused = await rejection(respond(clientId, first, { USERNAME: 'temp', NEW_PASSWORD: 'Other-pass-1', 'userAttributes.name': 'x' }));
    expect(reused.message).toBe('Invalid session for the user, session can only be used once.');
  });
});

describe('MFA challenges', () => {
  it('SOFTWARE_TOKEN_MFA checks an RFC 6238 code and refuses one used twice', async () => {
    const { poolId, clientId } = setup({ mfa: 'OPTIONAL' });
    const secret = randomBytes(20);
    server.addUser(poolId, { username: 'tia', password: 'Good-pass-1', mfa: { totpSecret: secret } });
    const first = await passwordAuth(clientId, 'tia', 'Good-pass-1');
    expect(first.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const wrongCode = server.totp(secret) === '000000' ? '111111' : '000000';
    const wrong = await rejection(respond(clientId, first, { USERNAME: 'tia', SOFTWARE_TOKEN_MFA_CODE: wrongCode }));
    expect(wrong.name).toBe('CodeMismatchException');
    const code = server.totp(secret);
    const done = await respond(clientId, first, { USERNAME: 'tia', SOFTWARE_TOKEN_MFA_CODE: code });
    expect(done.AuthenticationResult).toBeTruthy();

    const again = await passwordAuth(clientId, 'tia', 'Good-pass-1');
    const reused = await rejection(respond(clientId, again, { USERNAME: 'tia', SOFTWARE_TOKEN_MFA_CODE: code }));
    expect([reused.name, reused.message]).toEqual(['ExpiredCodeException', 'Your software token has already been used once.']);
    server.advanceTime(30);
    const later = await respond(clientId, again, { USERNAME: 'tia', SOFTWARE_TOKEN_MFA_CODE: server.totp(secret) });
    expect(later.AuthenticationResult).toBeTruthy();
  });

  it('SMS_MFA and EMAIL_OTP send codes the test reads with lastCode', async () => {
    const { poolId, clientId } = setup({ mfa: 'OPTIONAL' });
    server.addUser(poolId, { username: 'sam', password: 'Good-pass-1', attributes: { phone_number: '+15551234567' }, mfa: { sms: true } });
    server.addUser(poolId, { username: 'eli', password: 'Good-pass-1', attributes: { email: 'eli@example.com' }, mfa: { email: true } });

    const sms = await passwordAuth(clientId, 'sam', 'Good-pass-1');
    expect(sms.ChallengeName).toBe('SMS_MFA');
    expect(sms.ChallengeParameters).toMatchObject({ CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******4567' });
    const smsCode = server.lastCode('sms', 'sam')!;
    expect(smsCode).toMatch(/^\d{6}$/);
    expect((await respond(clientId, sms, { USERNAME: 'sam', SMS_MFA_CODE: smsCode })).AuthenticationResult).toBeTruthy();

    const email = await passwordAuth(clientId, 'eli', 'Good-pass-1');
    expect(email.ChallengeName).toBe('EMAIL_OTP');
    expect(email.ChallengeParameters).toMatchObject({ CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'e***@e***' });
    const bad = await rejection(respond(clientId, email, { USERNAME: 'eli', EMAIL_OTP_CODE: 'nope' }));
    expect(bad.name).toBe('CodeMismatchException');
    const code = server.lastCode('email', 'eli@example.com')!;
    expect((await respond(clientId, email, { USERNAME: 'eli', EMAIL_OTP_CODE: code })).AuthenticationResult).toBeTruthy();
  });

  it('SELECT_MFA_TYPE lets the user pick, then asks for that code', async () => {
    const { poolId, clientId } = setup({ mfa: 'OPTIONAL' });
    server.addUser(poolId, {
      username: 'sel',
      password: 'Good-pass-1',
      attributes: { phone_number: '+15550000001' },
      mfa: { totpSecret: randomBytes(20), sms: true },
    });
    const first = await passwordAuth(clientId, 'sel', 'Good-pass-1');
    expect(first.ChallengeName).toBe('SELECT_MFA_TYPE');
    expect(JSON.parse(first.ChallengeParameters!.MFAS_CAN_CHOOSE!)).toEqual(['SOFTWARE_TOKEN_MFA', 'SMS_MFA']);
    const picked = await respond(clientId, first, { USERNAME: 'sel', ANSWER: 'SMS_MFA' });
    expect(picked.ChallengeName).toBe('SMS_MFA');
    const done = await respond(clientId, picked, { USERNAME: 'sel', SMS_MFA_CODE: server.lastCode('sms', 'sel')! });
    expect(done.AuthenticationResult).toBeTruthy();
  });

  it('MFA_SETUP enrols TOTP through AssociateSoftwareToken and VerifySoftwareToken sessions', async () => {
    const { poolId, clientId } = setup({ mfa: 'ON' });
    server.addUser(poolId, { username: 'mo', password: 'Good-pass-1' });
    const first = await passwordAuth(clientId, 'mo', 'Good-pass-1');
    expect(first.ChallengeName).toBe('MFA_SETUP');
    expect(JSON.parse(first.ChallengeParameters!.MFAS_CAN_SETUP!)).toEqual(['SOFTWARE_TOKEN_MFA']);

    const early = await rejection(respond(clientId, first, { USERNAME: 'mo' }));
    expect(early.name).toBe('InvalidParameterException');

    const associated = await sdk.send(new AssociateSoftwareTokenCommand({ Session: first.Session }));
    expect(associated.SecretCode).toMatch(/^[A-Z2-7]{52}$/);
    expect(associated.Session).toBeTruthy();
    const mismatch = await rejection(sdk.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: '000000' })));
    if (server.totp(associated.SecretCode!) !== '000000') expect(mismatch.name).toBe('EnableSoftwareTokenMFAException');
    const verified = await sdk.send(
      new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: server.totp(associated.SecretCode!), FriendlyDeviceName: 'phone' }),
    );
    expect(verified.Status).toBe('SUCCESS');
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'MFA_SETUP',
        Session: verified.Session,
        ChallengeResponses: { USERNAME: 'mo' },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
    expect(server.user(poolId, 'mo')!.mfa).toMatchObject({ totpEnabled: true, totpDeviceName: 'phone' });

    server.advanceTime(30);
    const next = await passwordAuth(clientId, 'mo', 'Good-pass-1');
    expect(next.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('expires a challenge session after the client AuthSessionValidity', async () => {
    const { poolId, clientId } = setup({ mfa: 'OPTIONAL' });
    server.addUser(poolId, { username: 'slow', password: 'Good-pass-1', attributes: { email: 's@example.com' }, mfa: { email: true } });
    const first = await passwordAuth(clientId, 'slow', 'Good-pass-1');
    server.advanceTime(181);
    const error = await rejection(respond(clientId, first, { USERNAME: 'slow', EMAIL_OTP_CODE: server.lastCode('email', 'slow')! }));
    expect([error.name, error.message]).toEqual(['NotAuthorizedException', 'Invalid session for the user, session is expired.']);
  });

  it('checks SECRET_HASH on challenges over the sub, not the email the user typed', async () => {
    const pool = server.createPool({ usernameAttributes: ['email'], mfa: 'OPTIONAL' });
    const { clientId } = server.createClient(pool.id, { flows: PASSWORD_FLOWS, secret: true });
    const user = server.addUser(pool.id, { username: 'ivy@example.com', password: 'Good-pass-1', mfa: { email: true } });
    const first = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: {
          USERNAME: 'ivy@example.com',
          PASSWORD: 'Good-pass-1',
          SECRET_HASH: server.secretHash(clientId, 'ivy@example.com'),
        },
      }),
    );
    expect(first.ChallengeName).toBe('EMAIL_OTP');
    expect(first.ChallengeParameters!.USER_ID_FOR_SRP).toBe(user.sub);
    const code = server.lastCode('email', 'ivy@example.com')!;
    const overAlias = await rejection(
      respond(clientId, first, { USERNAME: 'ivy@example.com', EMAIL_OTP_CODE: code, SECRET_HASH: server.secretHash(clientId, 'ivy@example.com') }),
    );
    expect(overAlias.message).toBe(`Unable to verify secret hash for client ${clientId}`);
    const done = await respond(clientId, first, { USERNAME: user.sub, EMAIL_OTP_CODE: code, SECRET_HASH: server.secretHash(clientId, user.sub) });
    expect(done.AuthenticationResult).toBeTruthy();
  });
});

describe('CUSTOM_CHALLENGE', () => {
  it('asks again on a wrong answer and signs in on the right one', async () => {
    const { poolId, clientId } = setup();
    server.addUser(poolId, { username: 'cus', password: 'Good-pass-1' });
    const noTrigger = await rejection(
      sdk.send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'cus' } })),
    );
    expect(noTrigger.name).toBe('NotAuthorizedException');

    server.setCustomChallenge(poolId, (answer, username) => answer === `blue-${username}`, { parameters: { question: 'colour?' } });
    const first = await sdk.send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'cus' } }));
    expect(first.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(first.ChallengeParameters).toEqual({ question: 'colour?', USERNAME: 'cus' });
    const retry = await respond(clientId, first, { USERNAME: 'cus', ANSWER: 'red' });
    expect(retry.ChallengeName).toBe('CUSTOM_CHALLENGE');
    const done = await respond(clientId, retry, { USERNAME: 'cus', ANSWER: 'blue-cus' });
    expect(done.AuthenticationResult).toBeTruthy();
  });

  it('without a check function, answers with the code it emails', async () => {
    const { poolId, clientId } = setup();
    server.addUser(poolId, { username: 'otp', password: 'Good-pass-1', attributes: { email: 'otp@example.com' } });
    server.setCustomChallenge(poolId);
    const first = await sdk.send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'otp' } }));
    const done = await respond(clientId, first, { USERNAME: 'otp', ANSWER: server.lastCode('email', 'otp')! });
    expect(done.AuthenticationResult).toBeTruthy();
  });
});

describe('admin flows', () => {
  it('ADMIN_USER_PASSWORD_AUTH and ADMIN_NO_SRP_AUTH with SECRET_HASH, and AdminRespondToAuthChallenge', async () => {
    const pool = server.createPool({ mfa: 'OPTIONAL' });
    const { clientId } = server.createClient(pool.id, { flows: PASSWORD_FLOWS, secret: true });
    server.addUser(pool.id, { username: 'adm', password: 'Good-pass-1', attributes: { phone_number: '+15550000002' }, mfa: { sms: true } });
    for (const flow of ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'] as const) {
      const first = await sdk.send(
        new AdminInitiateAuthCommand({
          UserPoolId: pool.id,
          ClientId: clientId,
          AuthFlow: flow,
          AuthParameters: { USERNAME: 'adm', PASSWORD: 'Good-pass-1', SECRET_HASH: server.secretHash(clientId, 'adm') },
        }),
      );
      expect(first.ChallengeName).toBe('SMS_MFA');
      const done = await sdk.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: pool.id,
          ClientId: clientId,
          ChallengeName: 'SMS_MFA',
          Session: first.Session,
          ChallengeResponses: { USERNAME: 'adm', SMS_MFA_CODE: server.lastCode('sms', 'adm')!, SECRET_HASH: server.secretHash(clientId, 'adm') },
        }),
      );
      expect(done.AuthenticationResult?.RefreshToken).toBeTruthy();
    }
  });

  it('refuses the admin flow on a client without it, and USER_PASSWORD_AUTH on the admin API', async () => {
    const pool = server.createPool();
    const { clientId } = server.createClient(pool.id, { flows: ['ALLOW_USER_PASSWORD_AUTH'] });
    server.addUser(pool.id, { username: 'x', password: 'Good-pass-1' });
    const params = { USERNAME: 'x', PASSWORD: 'Good-pass-1' };
    const notEnabled = await rejection(
      sdk.send(new AdminInitiateAuthCommand({ UserPoolId: pool.id, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: params })),
    );
    expect([notEnabled.name, notEnabled.message]).toEqual(['InvalidParameterException', 'Auth flow not enabled for this client']);
    const unsupported = await rejection(
      sdk.send(new AdminInitiateAuthCommand({ UserPoolId: pool.id, ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: params })),
    );
    expect(unsupported.name).toBe('InvalidParameterException');
  });
});
