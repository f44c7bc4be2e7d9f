// Self-service flows, as an app runs them for its users: sign-up and its confirmation, a new
// confirmation code, forgotten and changed passwords. These are the public (unsigned) API calls;
// each carries a SecretHash over the name as typed when the app client has a secret.
import {
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  type CodeDeliveryDetailsType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { capitalise } from '../../io/format.js';
import { registerSecret } from '../../aws/redact.js';
import { secretHash } from '../../auth/secret-hash.js';
import { activeSession } from './active-session.js';
import { NEW_PASSWORD_ENV, PASSWORD_ENV, SignInInputs } from './inputs.js';
import { attributesFromFlags, checkUsername } from '../user/attributes.js';

/** The app client and, when it has a secret, the SecretHash for `username`. */
async function clientFor(ctx: Context, username: string): Promise<{ clientId: string; hash?: string }> {
  const clientId = await ctx.clientId();
  // A configured secret is used as is; otherwise it is looked up, which needs the pool. Without a
  // pool the client is taken to be public, and Cognito's error says otherwise if it is not.
  const secret = ctx.settings.clientSecret || ctx.errorContext().poolId ? await ctx.clientSecret() : undefined;
  registerSecret(secret);
  return { clientId, hash: secret ? secretHash(username, clientId, secret) : undefined };
}


function delivery(details: CodeDeliveryDetailsType | undefined) {
  if (!details) return undefined;
  return { destination: details.Destination, medium: details.DeliveryMedium, attribute: details.AttributeName };
}

function where(details: CodeDeliveryDetailsType | undefined): string {
  if (!details?.Destination) return 'the user';
  return `${details.Destination}${details.DeliveryMedium ? ` by ${details.DeliveryMedium.toLowerCase()}` : ''}`;
}

/** A code from --code, "-" for the next stdin line, or a prompt. */
async function codeFrom(ctx: Context, given: string | undefined, what: string): Promise<string> {
  let code = given;
  if (code === '-') {
    code = await ctx.stdin.next();
    if (!code) throw new UsageError('--code -: expected the code on the first line of stdin, but it is empty');
  }
  code ??= await ctx.prompter.input(`The ${what}`, { flag: '--code', what: `the ${what}` });
  code = code.trim();
  if (!code) throw new UsageError('--code is empty');
  registerSecret(code);
  return code;
}

/** A password chosen now: first stdin line, else the variable, else a masked prompt asked twice. */
async function chosenPassword(ctx: Context, fromStdin: boolean | undefined, env: string, label: string): Promise<string> {
  if (fromStdin) {
    const line = await ctx.stdin.next();
    if (!line) throw new UsageError(`--password-stdin: expected ${label} on stdin, but the line is empty`);
    registerSecret(line);
    return line;
  }
  const fromEnv = ctx.env[env];
  if (fromEnv) {
    registerSecret(fromEnv);
    return fromEnv;
  }
  const alt = { flag: '--password-stdin', env, what: label };
  const first = await ctx.prompter.password(capitalise(label), alt);
  registerSecret(first);
  const second = await ctx.prompter.password('Repeat it', alt);
  if (first !== second) throw new UsageError('the two passwords differ; nothing was changed');
  return first;
}

export interface SignUpOptions {
  email?: string;
  phone?: string;
  attr?: string[];
  passwordStdin?: boolean;
}

export async function signUp(ctx: Context, username: string, options: SignUpOptions): Promise<void> {
  checkUsername(username);
  const attributes = attributesFromFlags(options);
  const password = await chosenPassword(ctx, options.passwordStdin, PASSWORD_ENV, 'a password for the new user');
  const { clientId, hash } = await clientFor(ctx, username);
  const out = await (await ctx.idp()).send(
    new SignUpCommand({ ClientId: clientId, Username: username, Password: password, UserAttributes: attributes, SecretHash: hash }),
  );
  const details = out.CodeDeliveryDetails;
  ctx.out.done(
    out.UserConfirmed
      ? `signed up ${username}: confirmed already, they can sign in`
      : details
        ? `signed up ${username}: Cognito sent a confirmation code to ${where(details)}; next: cognito-admin auth confirm-sign-up ${username} --code <code>`
        : `signed up ${username}: not confirmed yet (an administrator can run \`cognito-admin user confirm ${username}\`)`,
    { username, userSub: out.UserSub, confirmed: Boolean(out.UserConfirmed), codeDelivery: delivery(details) },
  );
}

export async function confirmSignUp(ctx: Context, username: string, options: { code?: string }): Promise<void> {
  checkUsername(username);
  const code = await codeFrom(ctx, options.code, 'confirmation code');
  const { clientId, hash } = await clientFor(ctx, username);
  await (await ctx.idp()).send(
    new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code, SecretHash: hash }),
  );
  ctx.out.done(`confirmed ${username}: they can sign in now`, { username, confirmed: true });
}

export async function resendCode(ctx: Context, username: string): Promise<void> {
  checkUsername(username);
  const { clientId, hash } = await clientFor(ctx, username);
  const out = await (await ctx.idp()).send(
    new ResendConfirmationCodeCommand({ ClientId: clientId, Username: username, SecretHash: hash }),
  );
  ctx.out.done(`Cognito sent a new confirmation code to ${where(out.CodeDeliveryDetails)}`, {
    username,
    codeDelivery: delivery(out.CodeDeliveryDetails),
  });
}

export async function forgotPassword(ctx: Context, username: string): Promise<void> {
  checkUsername(username);
  const { clientId, hash } = await clientFor(ctx, username);
  const out = await (await ctx.idp()).send(new ForgotPasswordCommand({ ClientId: clientId, Username: username, SecretHash: hash }));
  ctx.out.done(
    `Cognito sent a password reset code to ${where(out.CodeDeliveryDetails)}; next: cognito-admin auth confirm-forgot-password ${username} --code <code>`,
    { username, codeDelivery: delivery(out.CodeDeliveryDetails) },
  );
}

export async function confirmForgotPassword(
  ctx: Context,
  username: string,
  options: { code?: string; passwordStdin?: boolean },
): Promise<void> {
  checkUsername(username);
  // The code first: with --code - it is the first stdin line, and the new password the next.
  const code = await codeFrom(ctx, options.code, 'password reset code');
  const password = await chosenPassword(ctx, options.passwordStdin, NEW_PASSWORD_ENV, `a new password for ${username}`);
  const { clientId, hash } = await clientFor(ctx, username);
  await (await ctx.idp()).send(
    new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: username, ConfirmationCode: code, Password: password, SecretHash: hash }),
  );
  ctx.out.done(`set a new password for ${username}: sign in with it now`, { username, passwordChanged: true });
}

export async function changePassword(ctx: Context, username: string | undefined, options: { passwordStdin?: boolean }): Promise<void> {
  const session = await activeSession(ctx, username);
  const inputs = new SignInInputs(ctx, { passwordStdin: options.passwordStdin });
  const previous = await inputs.password(session.username);
  const proposed = await inputs.newPassword(session.username);
  await (await ctx.idp()).send(
    new ChangePasswordCommand({ AccessToken: session.accessToken, PreviousPassword: previous, ProposedPassword: proposed }),
  );
  ctx.out.done(`changed the password of ${session.username}`, { username: session.username, passwordChanged: true });
}
