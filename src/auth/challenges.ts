// The one challenge loop of every sign-in flow: whatever Cognito asks next — the SRP password
// proof, a new password, an MFA code, an MFA type, MFA set-up, a custom challenge, the first
// factor of a choice-based sign-in, a remembered device's proof — is answered here until tokens
// arrive. Each answer carries USERNAME and, for a client with a secret,
// SECRET_HASH, both over Cognito's own username (USER_ID_FOR_SRP / USERNAME of the challenge),
// never over the alias typed at the start.
import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import { CliError, ExitCode, UsageError } from '../errors.js';
import { isAwsError } from '../aws/errors.js';
import { registerSecret } from '../aws/redact.js';
import { secretHash } from './secret-hash.js';
import { passwordClaim, startSrp, type SrpClientState } from './srp.js';
import { deviceClaim, type DeviceIdentity } from './device-srp.js';
import type { AuthApi, AuthStep } from './auth-api.js';
import type { CodeKind, MfaMethod, SignInAnswers, SignInNotes } from './answers.js';

export interface SignInState {
  poolId: string;
  clientId: string;
  secret?: string;
  /** The name typed at sign-in (may be an email or phone alias). */
  typed: string;
  /** Cognito's own username, as learned from the challenges; starts as the typed name. */
  internal: string;
  password?: string;
  srp?: SrpClientState;
  /** True once a password (or SRP proof) was sent: an EMAIL_OTP after it is MFA, not the first factor. */
  firstFactorDone: boolean;
  /** The first factor asked for with --prefer, in Cognito's words (PASSWORD_SRP, EMAIL_OTP, …). */
  preferred?: string;
  /** A remembered device of this user: its key goes with every answer, and it proves itself by SRP. */
  device?: DeviceIdentity;
  deviceSrp?: SrpClientState;
}

/** The first factors of a choice-based (USER_AUTH) sign-in. */
export const FIRST_FACTORS = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] as const;

/** How the loop asks, tells and reads the clock. */
export interface LoopDeps {
  answers: SignInAnswers;
  notes: SignInNotes;
  now: () => number;
}

/** Far more than any real sign-in needs; stops a server that keeps asking. */
const MAX_ROUNDS = 20;

const CODE_MEMBER: Record<MfaMethod, string> = {
  SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE',
  SMS_MFA: 'SMS_MFA_CODE',
  EMAIL_OTP: 'EMAIL_OTP_CODE',
};

const CODE_KIND: Record<MfaMethod, CodeKind> = { SOFTWARE_TOKEN_MFA: 'totp', SMS_MFA: 'sms', EMAIL_OTP: 'email' };

export async function completeSignIn(api: AuthApi, first: AuthStep, state: SignInState, deps: LoopDeps): Promise<AuthenticationResultType> {
  let step = first;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (step.AuthenticationResult) return step.AuthenticationResult;
    const name = step.ChallengeName;
    if (!name) throw new CliError('Cognito answered with neither tokens nor a challenge');
    const params = step.ChallengeParameters ?? {};
    state.internal = params.USER_ID_FOR_SRP || params.USERNAME || state.internal;
    deps.notes.debug(`debug: sign-in challenge ${name}`);
    step = await answer(api, step, name, params, state, deps);
  }
  throw new CliError(`the sign-in did not finish after ${MAX_ROUNDS} challenges`);
}

async function answer(
  api: AuthApi,
  step: AuthStep,
  name: string,
  params: Record<string, string>,
  state: SignInState,
  deps: LoopDeps,
): Promise<AuthStep> {
  const { answers, notes } = deps;
  const respond = (responses: Record<string, string>, session = step.Session) => {
    const all: Record<string, string> = { ...responses, USERNAME: state.internal };
    if (state.secret) all.SECRET_HASH = secretHash(state.internal, state.clientId, state.secret);
    if (state.device) all.DEVICE_KEY = state.device.key;
    return api.respond(name, all, session);
  };

  switch (name) {
    case 'PASSWORD_VERIFIER':
      state.firstFactorDone = true;
      return respond(passwordVerifier(params, state, deps.now));

    case 'SELECT_CHALLENGE':
      return respond(await selectChallenge(step, state, deps));

    case 'EMAIL_OTP':
    case 'SMS_OTP':
      // The first factor of a choice-based sign-in; an EMAIL_OTP after a password is MFA (below).
      if (!state.firstFactorDone) {
        const destination = params.CODE_DELIVERY_DESTINATION;
        if (destination) notes.note(`Cognito sent a sign-in code to ${destination}.`);
        const { code } = await answers.code(name === 'EMAIL_OTP' ? 'email-otp' : 'sms-otp', destination);
        registerSecret(code);
        state.firstFactorDone = true;
        return respond({ [`${name}_CODE`]: code });
      }
      break;

    case 'WEB_AUTHN':
      throw webAuthnError(state.typed);

    case 'DEVICE_SRP_AUTH': {
      if (!state.device) {
        throw new CliError('Cognito asked this device to prove itself (DEVICE_SRP_AUTH), and no remembered device of this user is saved here', ExitCode.auth, {
          code: name,
          hint: 'sign in again with --remember-device, or forget the device (`cognito-admin user forget-device`)',
        });
      }
      state.deviceSrp = startSrp();
      return respond({ SRP_A: state.deviceSrp.srpA });
    }

    case 'DEVICE_PASSWORD_VERIFIER':
      return respond(devicePasswordVerifier(params, state, deps.now));

    case 'NEW_PASSWORD_REQUIRED': {
      const required = jsonList(params.requiredAttributes).map((a) => a.replace(/^userAttributes\./, ''));
      const { password, attributes } = await answers.newPassword(state.typed, required);
      const responses: Record<string, string> = {};
      for (const [attr, value] of Object.entries(attributes)) responses[`userAttributes.${attr}`] = value;
      responses.NEW_PASSWORD = password;
      return respond(responses);
    }

    default:
      break;
  }

  switch (name) {
    case 'SOFTWARE_TOKEN_MFA':
    case 'SMS_MFA':
    case 'EMAIL_OTP': {
      const destination = params.CODE_DELIVERY_DESTINATION;
      if (destination) notes.note(`Cognito sent a code to ${destination}.`);
      const first = await answers.code(CODE_KIND[name], destination);
      registerSecret(first.code);
      try {
        return await respond({ [CODE_MEMBER[name]]: first.code });
      } catch (err) {
        // Cognito accepts each TOTP code once, so a script that signs in twice within 30 s (or
        // right after enrolling) meets a used code; the next window's code is accepted early.
        if (!first.computed || !isAwsError(err, 'ExpiredCodeException')) throw err;
        const next = await answers.nextTotpCode();
        if (!next) throw err;
        registerSecret(next);
        notes.note('The current TOTP code was used already; answering with the next one.');
        return respond({ [CODE_MEMBER[name]]: next });
      }
    }

    case 'SELECT_MFA_TYPE': {
      const choices = jsonList(params.MFAS_CAN_CHOOSE).filter((c): c is MfaMethod => c in CODE_MEMBER);
      if (choices.length === 0) {
        throw new CliError(`Cognito offers no MFA type that cognito-admin knows (${params.MFAS_CAN_CHOOSE ?? 'none'})`);
      }
      const chosen = await answers.choose('mfa', choices);
      if (!(choices as string[]).includes(chosen)) throw new CliError(`${chosen} is not one of the offered MFA types (${choices.join(', ')})`);
      return respond({ ANSWER: chosen });
    }

    case 'MFA_SETUP': {
      const canSetUp = jsonList(params.MFAS_CAN_SETUP);
      if (canSetUp.length > 0 && !canSetUp.includes('SOFTWARE_TOKEN_MFA')) {
        throw new CliError(`${state.typed} must set up MFA (${canSetUp.join(', ')}), and cognito-admin can set up only TOTP`, ExitCode.auth, {
          code: 'MFA_SETUP',
          hint: 'enable TOTP (software token) MFA on the pool, or set the user up with `user update` / `mfa` commands',
        });
      }
      notes.note(`${state.typed} must set up MFA before signing in: enrolling an authenticator app (TOTP).`);
      const { session } = await answers.setUpTotp({ username: state.typed, session: step.Session });
      registerSecret(session);
      return respond({}, session);
    }

    case 'CUSTOM_CHALLENGE': {
      const shown = Object.fromEntries(
        Object.entries(params).filter(([k]) => k !== 'USERNAME' && k !== 'USER_ID_FOR_SRP'),
      );
      if (Object.keys(shown).length > 0) {
        notes.note(`Custom challenge: ${Object.entries(shown).map(([k, v]) => `${k}=${v}`).join(', ')}`);
      }
      const reply = await answers.customAnswer(shown);
      registerSecret(reply);
      return respond({ ANSWER: reply });
    }

    default:
      throw new CliError(`Cognito asked for the ${name} challenge, which cognito-admin does not handle`, ExitCode.failed, {
        code: name,
        hint: unknownChallengeHint(name),
      });
  }
}

/** The first factor: --prefer when Cognito offers it, else whatever the caller chooses among the offered. */
async function selectChallenge(step: AuthStep, state: SignInState, deps: LoopDeps): Promise<Record<string, string>> {
  const offered = step.AvailableChallenges ?? jsonList(step.ChallengeParameters?.AVAILABLE_CHALLENGES);
  const available = offered.filter((c) => (FIRST_FACTORS as readonly string[]).includes(c));
  if (available.length === 0) {
    throw new CliError(`Cognito offers no first factor that cognito-admin knows (${offered.join(', ') || 'none'})`);
  }
  let chosen: string;
  if (state.preferred) {
    if (!available.includes(state.preferred)) {
      throw new UsageError(`--prefer ${preferFlag(state.preferred)}: ${state.typed} can sign in only with ${available.map(preferFlag).join(', ')}`, {
        code: 'SELECT_CHALLENGE',
        hint: `pass --prefer with one of: ${available.filter((c) => c !== 'WEB_AUTHN').map(preferFlag).join(', ')}`,
      });
    }
    chosen = state.preferred;
  } else {
    chosen = await deps.answers.choose('challenge', available);
    if (!available.includes(chosen)) throw new CliError(`${chosen} is not one of the offered first factors (${available.join(', ')})`);
  }
  switch (chosen) {
    case 'WEB_AUTHN':
      throw webAuthnError(state.typed);
    case 'PASSWORD':
    case 'PASSWORD_SRP': {
      state.password ??= await deps.answers.password(state.typed);
      registerSecret(state.password);
      if (chosen === 'PASSWORD') {
        state.firstFactorDone = true;
        return { ANSWER: chosen, PASSWORD: state.password };
      }
      state.srp = startSrp();
      return { ANSWER: chosen, SRP_A: state.srp.srpA };
    }
    default:
      return { ANSWER: chosen };
  }
}

/** PASSWORD_SRP → password-srp: the --prefer spelling of a first factor. */
export function preferFlag(challenge: string): string {
  return challenge.toLowerCase().replace(/_/g, '-');
}

function webAuthnError(username: string): CliError {
  return new CliError(`${username} signs in with a passkey (WEB_AUTHN), which needs a browser and the authenticator`, ExitCode.usage, {
    code: 'WEB_AUTHN',
    hint: 'sign in through the managed login page with `cognito-admin auth login --browser`, or choose another factor with --prefer',
  });
}

function devicePasswordVerifier(params: Record<string, string>, state: SignInState, now: () => number): Record<string, string> {
  const { device, deviceSrp } = state;
  if (!device || !deviceSrp) {
    throw new CliError('Cognito asked for a device proof (DEVICE_PASSWORD_VERIFIER) before the device SRP started');
  }
  return srpProof('DEVICE_PASSWORD_VERIFIER', params, [], (srpB, salt, secretBlock) =>
    deviceClaim({ state: deviceSrp, device, srpB, salt, secretBlock, now: new Date(now()) }),
  );
}

function passwordVerifier(params: Record<string, string>, state: SignInState, now: () => number): Record<string, string> {
  const { srp, password } = state;
  if (!srp || password === undefined) {
    throw new CliError('Cognito asked for an SRP password proof (PASSWORD_VERIFIER) in a flow that did not start SRP');
  }
  return srpProof('PASSWORD_VERIFIER', params, ['USER_ID_FOR_SRP'], (srpB, salt, secretBlock) =>
    passwordClaim({ state: srp, poolId: state.poolId, userIdForSrp: params.USER_ID_FOR_SRP!, password, srpB, salt, secretBlock, now: new Date(now()) }),
  );
}

/** The answer to an SRP proof challenge: the claim over the server's B, salt and secret block. */
function srpProof(
  challenge: string,
  params: Record<string, string>,
  alsoRequired: string[],
  claim: (srpB: string, salt: string, secretBlock: string) => { signature: string; timestamp: string },
): Record<string, string> {
  for (const key of [...alsoRequired, 'SRP_B', 'SALT', 'SECRET_BLOCK']) {
    if (!params[key]) throw new CliError(`Cognito's ${challenge} challenge lacks ${key}`);
  }
  const { signature, timestamp } = claim(params.SRP_B!, params.SALT!, params.SECRET_BLOCK!);
  registerSecret(signature);
  registerSecret(params.SECRET_BLOCK);
  return { PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK!, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP: timestamp };
}

function unknownChallengeHint(name: string): string | undefined {
  if (name === 'PASSWORD' || name === 'PASSWORD_SRP') return 'that is the choice-based sign-in; use --flow user-auth';
  return undefined;
}

function jsonList(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return value.split(',').map((s) => s.trim()).filter(Boolean);
  }
}
