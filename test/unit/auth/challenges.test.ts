// The challenge loop asks only through SignInAnswers and tells only through SignInNotes: driven
// here by a scripted AuthApi and a plain object of answers, with no Context, terminal or SDK.
import { describe, expect, it } from 'vitest';
import type { AuthApi, AuthStep } from '../../../src/auth/auth-api.js';
import type { SignInAnswers } from '../../../src/auth/answers.js';
import { completeSignIn, type SignInState } from '../../../src/auth/challenges.js';
import { secretHash } from '../../../src/auth/secret-hash.js';

function scriptedApi(steps: AuthStep[]) {
  const sent: { challenge: string; responses: Record<string, string>; session?: string }[] = [];
  const api: AuthApi = {
    admin: false,
    initiate: async () => {
      throw new Error('not used');
    },
    respond: async (challenge, responses, session) => {
      sent.push({ challenge, responses, session });
      const next = steps.shift();
      if (!next) throw new Error('no more steps');
      return next;
    },
  };
  return { api, sent };
}

function answers(overrides: Partial<SignInAnswers> = {}): SignInAnswers & { asked: string[] } {
  const asked: string[] = [];
  const no = (what: string) => async () => {
    throw new Error(`unexpected question: ${what}`);
  };
  return {
    asked,
    password: no('password'),
    newPassword: no('newPassword'),
    code: no('code'),
    nextTotpCode: async () => undefined,
    choose: no('choose'),
    customAnswer: no('customAnswer'),
    setUpTotp: no('setUpTotp'),
    ...overrides,
  };
}

const state = (): SignInState => ({ poolId: 'eu-west-1_P', clientId: 'c1', secret: 's3cret', typed: 'ann@example.com', internal: 'ann@example.com', firstFactorDone: true });
const TOKENS = { AuthenticationResult: { AccessToken: 'a', IdToken: 'i', RefreshToken: 'r' } };

describe('challenge loop through SignInAnswers', () => {
  it('new password with required attributes, then an MFA type choice and an SMS code; answers go as the internal username with its hash', async () => {
    const { api, sent } = scriptedApi([
      { ChallengeName: 'SELECT_MFA_TYPE', Session: 's2', ChallengeParameters: { USERNAME: 'sub-1', MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' } },
      { ChallengeName: 'SMS_MFA', Session: 's3', ChallengeParameters: { USERNAME: 'sub-1', CODE_DELIVERY_DESTINATION: '+44***123' } },
      TOKENS,
    ]);
    const notes: string[] = [];
    const a = answers({
      newPassword: async (username, required) => {
        a.asked.push(`new password for ${username}, needs ${required.join(',')}`);
        return { password: 'New-pass-1', attributes: { name: 'Ann' } };
      },
      choose: async (what, available) => {
        a.asked.push(`${what}: ${available.join(',')}`);
        return 'SMS_MFA';
      },
      code: async (kind, destination) => {
        a.asked.push(`${kind} code to ${destination}`);
        return { code: '123456' };
      },
    });
    const result = await completeSignIn(
      api,
      { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's1', ChallengeParameters: { USER_ID_FOR_SRP: 'sub-1', requiredAttributes: '["userAttributes.name"]' } },
      state(),
      { answers: a, notes: { note: (t) => notes.push(t), debug: () => {} }, now: () => 0 },
    );
    expect(result).toEqual(TOKENS.AuthenticationResult);
    expect(a.asked).toEqual(['new password for ann@example.com, needs name', 'mfa: SMS_MFA,SOFTWARE_TOKEN_MFA', 'sms code to +44***123']);
    expect(notes).toEqual(['Cognito sent a code to +44***123.']);
    const hash = secretHash('sub-1', 'c1', 's3cret');
    expect(sent).toEqual([
      { challenge: 'NEW_PASSWORD_REQUIRED', session: 's1', responses: { 'userAttributes.name': 'Ann', NEW_PASSWORD: 'New-pass-1', USERNAME: 'sub-1', SECRET_HASH: hash } },
      { challenge: 'SELECT_MFA_TYPE', session: 's2', responses: { ANSWER: 'SMS_MFA', USERNAME: 'sub-1', SECRET_HASH: hash } },
      { challenge: 'SMS_MFA', session: 's3', responses: { SMS_MFA_CODE: '123456', USERNAME: 'sub-1', SECRET_HASH: hash } },
    ]);
  });

  it('MFA_SETUP is answered by setUpTotp with the challenge Session, and the loop continues on the Session it returns', async () => {
    const { api, sent } = scriptedApi([TOKENS]);
    const a = answers({
      setUpTotp: async ({ username, session }) => {
        a.asked.push(`${username} on ${session}`);
        return { session: 'after-verify' };
      },
    });
    await completeSignIn(api, { ChallengeName: 'MFA_SETUP', Session: 'setup', ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' } }, state(), {
      answers: a,
      notes: { note: () => {}, debug: () => {} },
      now: () => 0,
    });
    expect(a.asked).toEqual(['ann@example.com on setup']);
    expect(sent[0]).toMatchObject({ challenge: 'MFA_SETUP', session: 'after-verify' });
  });

  it('a choice outside what Cognito offered is refused before anything is sent', async () => {
    const { api, sent } = scriptedApi([]);
    const a = answers({ choose: async () => 'EMAIL_OTP' });
    await expect(
      completeSignIn(api, { ChallengeName: 'SELECT_MFA_TYPE', ChallengeParameters: { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' } }, state(), {
        answers: a,
        notes: { note: () => {}, debug: () => {} },
        now: () => 0,
      }),
    ).rejects.toThrow(/not one of the offered/);
    expect(sent).toEqual([]);
  });
});
