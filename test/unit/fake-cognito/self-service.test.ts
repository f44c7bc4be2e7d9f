// Self-service flows and MFA preferences through the SDK: sign-up and confirmation, forgotten and
// changed passwords, TOTP enrolment with an access token, and how GetUser/AdminGetUser show MFA.
import { describe, expect, it } from 'vitest';
import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SignUpCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { FakeCognito } from '../../support/fake-cognito/index.js';
import { rejection, useFakeCognito } from './sdk.js';

let server: FakeCognito;
let sdk: CognitoIdentityProviderClient;

useFakeCognito((started, client) => {
  server = started;
  sdk = client;
});

const FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

const signIn = (clientId: string, username: string, password: string, extra: Record<string, string> = {}) =>
  sdk.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password, ...extra },
    }),
  );

describe('sign-up', () => {
  it('signs up by email, sends a code, confirms, and then signs in', async () => {
    const pool = server.createPool({ usernameAttributes: ['email'] });
    const { clientId } = server.createClient(pool.id, { flows: FLOWS });
    const out = await sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'ann@example.com',
        Password: 'Good-pass-1',
        UserAttributes: [{ Name: 'name', Value: 'Ann' }],
      }),
    );
    expect(out.UserConfirmed).toBe(false);
    expect(out.UserSub).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.CodeDeliveryDetails).toEqual({ Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const user = server.user(pool.id, 'ann@example.com')!;
    expect(user).toMatchObject({ username: out.UserSub, status: 'UNCONFIRMED' });

    const again = await rejection(sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'ann@example.com', Password: 'Good-pass-1' })));
    expect(again.name).toBe('UsernameExistsException');
    const weak = await rejection(sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'bo@example.com', Password: 'weak' })));
    expect(weak.name).toBe('InvalidPasswordException');
    const notEmail = await rejection(sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'bo', Password: 'Good-pass-1' })));
    expect([notEmail.name, notEmail.message]).toEqual(['InvalidParameterException', 'Username should be an email.']);

    const first = server.lastCode('signup', 'ann@example.com')!;
    const resent = await sdk.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'ann@example.com' }));
    expect(resent.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    const code = server.lastCode('signup', 'ann@example.com')!;
    if (code !== first) {
      const stale = await rejection(sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ann@example.com', ConfirmationCode: first })));
      expect(stale.name).toBe('CodeMismatchException');
    }
    await sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ann@example.com', ConfirmationCode: code }));
    expect(user.status).toBe('CONFIRMED');
    expect(user.attributes.email_verified).toBe('true');
    const twice = await rejection(sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ann@example.com', ConfirmationCode: code })));
    expect([twice.name, twice.message]).toEqual(['NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED']);

    expect((await signIn(clientId, 'ann@example.com', 'Good-pass-1')).AuthenticationResult).toBeTruthy();
  });

  it('wants SecretHash over the typed username when the client has a secret', async () => {
    const pool = server.createPool();
    const { clientId } = server.createClient(pool.id, { flows: FLOWS, secret: true });
    const base = { ClientId: clientId, Username: 'cy', Password: 'Good-pass-1', UserAttributes: [{ Name: 'email', Value: 'cy@example.com' }] };
    const missing = await rejection(sdk.send(new SignUpCommand(base)));
    expect(missing.message).toBe(`Client ${clientId} is configured with secret but SECRET_HASH was not received`);
    await sdk.send(new SignUpCommand({ ...base, SecretHash: server.secretHash(clientId, 'cy') }));
    const code = server.lastCode('signup', 'cy')!;
    await sdk.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: 'cy', ConfirmationCode: code, SecretHash: server.secretHash(clientId, 'cy') }),
    );
    expect(server.user(pool.id, 'cy')!.status).toBe('CONFIRMED');
  });

  it('runs the MFA-required scenario: sign up, confirm, MFA_SETUP with TOTP, sign in with a code', async () => {
    const pool = server.createPool({ mfa: 'ON', usernameAttributes: ['email'] });
    const { clientId } = server.createClient(pool.id, { flows: FLOWS });
    await sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'dee@example.com', Password: 'Good-pass-1' }));
    await sdk.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: 'dee@example.com', ConfirmationCode: server.lastCode('signup', 'dee@example.com')! }),
    );
    const setup = await signIn(clientId, 'dee@example.com', 'Good-pass-1');
    expect(setup.ChallengeName).toBe('MFA_SETUP');
    const assoc = await sdk.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
    const verified = await sdk.send(new VerifySoftwareTokenCommand({ Session: assoc.Session, UserCode: server.totp(assoc.SecretCode!) }));
    const sub = setup.ChallengeParameters!.USER_ID_FOR_SRP!;
    const enrolled = await sdk.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'MFA_SETUP', Session: verified.Session, ChallengeResponses: { USERNAME: sub } }),
    );
    expect(enrolled.AuthenticationResult).toBeTruthy();
    server.advanceTime(30);
    const mfa = await signIn(clientId, 'dee@example.com', 'Good-pass-1');
    expect(mfa.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: mfa.Session,
        ChallengeResponses: { USERNAME: sub, SOFTWARE_TOKEN_MFA_CODE: server.totp(assoc.SecretCode!) },
      }),
    );
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();
  });
});

describe('passwords', () => {
  it('resets a forgotten password with the code, also for an imported RESET_REQUIRED user', async () => {
    const pool = server.createPool();
    const { clientId } = server.createClient(pool.id, { flows: FLOWS });
    server.addUser(pool.id, { username: 'fo', status: 'RESET_REQUIRED', attributes: { email: 'fo@example.com', email_verified: 'true' } });
    server.addUser(pool.id, { username: 'nov', password: 'Good-pass-1', attributes: { email: 'nov@example.com' } });

    const noContact = await rejection(sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'nov' })));
    expect(noContact.name).toBe('InvalidParameterException');

    const out = await sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'fo' }));
    expect(out.CodeDeliveryDetails).toEqual({ Destination: 'f***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const wrong = await rejection(
      sdk.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'fo', ConfirmationCode: '000000x', Password: 'New-pass-1' })),
    );
    expect(wrong.name).toBe('CodeMismatchException');
    await sdk.send(
      new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'fo', ConfirmationCode: server.lastCode('forgot', 'fo')!, Password: 'New-pass-1' }),
    );
    expect(server.user(pool.id, 'fo')).toMatchObject({ status: 'CONFIRMED', password: 'New-pass-1' });
    expect((await signIn(clientId, 'fo', 'New-pass-1')).AuthenticationResult).toBeTruthy();
  });

  it('changes the password of the signed-in user', async () => {
    const pool = server.createPool();
    const { clientId } = server.createClient(pool.id, { flows: FLOWS });
    server.addUser(pool.id, { username: 'cp', password: 'Old-pass-1' });
    const { AuthenticationResult } = await signIn(clientId, 'cp', 'Old-pass-1');
    const token = AuthenticationResult!.AccessToken!;
    const wrong = await rejection(sdk.send(new ChangePasswordCommand({ AccessToken: token, PreviousPassword: 'Bad-pass-1', ProposedPassword: 'New-pass-1' })));
    expect([wrong.name, wrong.message]).toEqual(['NotAuthorizedException', 'Incorrect username or password.']);
    const weak = await rejection(sdk.send(new ChangePasswordCommand({ AccessToken: token, PreviousPassword: 'Old-pass-1', ProposedPassword: 'nouppercase1!' })));
    expect([weak.name, weak.message]).toEqual(['InvalidPasswordException', 'Password did not conform with policy: Password must have uppercase characters']);
    await sdk.send(new ChangePasswordCommand({ AccessToken: token, PreviousPassword: 'Old-pass-1', ProposedPassword: 'New-pass-1' }));
    expect((await rejection(signIn(clientId, 'cp', 'Old-pass-1'))).name).toBe('NotAuthorizedException');
    expect((await signIn(clientId, 'cp', 'New-pass-1')).AuthenticationResult).toBeTruthy();
  });
});

describe('TOTP enrolment with an access token, and MFA preferences', () => {
  it('associates, verifies and prefers TOTP; GetUser and AdminGetUser show it', async () => {
    const pool = server.createPool({ mfa: 'OPTIONAL' });
    const { clientId } = server.createClient(pool.id, { flows: FLOWS });
    server.addUser(pool.id, { username: 'tom', password: 'Good-pass-1', attributes: { phone_number: '+15550000003' } });
    const token = (await signIn(clientId, 'tom', 'Good-pass-1')).AuthenticationResult!.AccessToken!;

    const early = await rejection(
      sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: token, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } })),
    );
    expect([early.name, early.message]).toEqual(['InvalidParameterException', 'User has not verified software token mfa']);

    const { SecretCode, Session } = await sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: token }));
    expect(SecretCode).toMatch(/^[A-Z2-7]+$/);
    expect(Session).toBeUndefined();
    const verified = await sdk.send(
      new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: server.totp(SecretCode!), FriendlyDeviceName: 'laptop' }),
    );
    expect(verified).toMatchObject({ Status: 'SUCCESS' });
    await sdk.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: token,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
        SMSMfaSettings: { Enabled: true, PreferredMfa: false },
      }),
    );
    const me = await sdk.send(new GetUserCommand({ AccessToken: token }));
    expect(me.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
    expect(me.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA', 'SMS_MFA']);
    expect(me.MFAOptions).toEqual([{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);

    const admin = await sdk.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'tom' }));
    expect(admin).toMatchObject({ Username: 'tom', UserStatus: 'CONFIRMED', Enabled: true, PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' });
    expect(admin.UserCreateDate).toBeInstanceOf(Date);

    server.advanceTime(30);
    expect((await signIn(clientId, 'tom', 'Good-pass-1')).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');

    await sdk.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: pool.id,
        Username: 'tom',
        SoftwareTokenMfaSettings: { Enabled: false },
        SMSMfaSettings: { Enabled: false },
      }),
    );
    const after = await sdk.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'tom' }));
    expect(after.PreferredMfaSetting).toBeUndefined();
    expect(after.UserMFASettingList).toBeUndefined();
    expect((await signIn(clientId, 'tom', 'Good-pass-1')).AuthenticationResult).toBeTruthy();
    expect((await rejection(sdk.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'ghost' })))).name).toBe('UserNotFoundException');
  });

  it('refuses a wrong code when verifying the token', async () => {
    const pool = server.createPool();
    const { clientId } = server.createClient(pool.id, { flows: FLOWS });
    server.addUser(pool.id, { username: 'vic', password: 'Good-pass-1' });
    const token = (await signIn(clientId, 'vic', 'Good-pass-1')).AuthenticationResult!.AccessToken!;
    const { SecretCode } = await sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: token }));
    const wrongCode = server.totp(SecretCode!) === '123456' ? '654321' : '123456';
    const error = await rejection(sdk.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: wrongCode })));
    expect([error.name, error.message]).toEqual(['EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA']);
  });
});
