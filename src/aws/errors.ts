// The one translation from AWS SDK and network errors to our typed errors: the AWS error name,
// a one-line message, the exit code of SPEC §1 and a hint where the next step is known.
import { AuthError, CliError, ExitCode, UsageError, type ExitCodeValue } from '../errors.js';
import { scrub } from './redact.js';
import { isUnimplementedOperation, operationOf } from './unimplemented.js';
import { fileProblem } from '../io/input-file.js';
import { networkCode as transientNetworkCode } from '../bulk/retry.js';

export interface ErrorContext {
  region?: string;
  regionOrigin?: string;
  poolId?: string;
  endpoint?: string;
  /** The AWS shared-config profile in use (--aws-profile / AWS_PROFILE / the profile). */
  awsProfile?: string;
  /** How long one answer may take (COGNITO_ADMIN_TIMEOUT), for the time-out message. */
  timeoutMs?: number;
}

interface AwsLikeError {
  name?: string;
  message?: string;
  code?: string;
  syscall?: string;
  path?: string;
  $metadata?: { requestId?: string; httpStatusCode?: number };
  cause?: unknown;
}

const AUTH_ERRORS = new Set([
  'NotAuthorizedException', 'UnrecognizedClientException', 'InvalidSignatureException',
  'SignatureDoesNotMatch', 'ExpiredTokenException', 'ExpiredToken', 'InvalidClientTokenId',
  'AccessDeniedException', 'AccessDenied', 'CredentialsProviderError', 'TokenProviderError',
  'UserNotConfirmedException', 'PasswordResetRequiredException', 'InvalidIdentityToken',
]);

const INPUT_ERRORS = new Set(['InvalidParameterException', 'InvalidPasswordException', 'ValidationException']);

// Cognito answers NotAuthorizedException for some requests that are refused because of the
// user's state ("User password cannot be reset in the current state.", "User cannot be confirmed.
// Current status is CONFIRMED"): the credentials were fine, so that is a failed operation (exit 1).
const STATE_REFUSALS = /current (state|status)|cannot be (reset|confirmed)|no registered\/verified/i;

export function isAwsError(err: unknown, ...names: string[]): boolean {
  return typeof err === 'object' && err !== null && names.includes((err as AwsLikeError).name ?? '');
}

export function translateAwsError(err: unknown, context: ErrorContext = {}): CliError {
  if (err instanceof CliError) return err;
  const e = (err ?? {}) as AwsLikeError;
  const name = e.name ?? 'Error';
  const requestId = e.$metadata?.requestId;
  const message = scrub(firstLine(e.message || name));
  const details = { code: name, requestId, cause: err };

  const file = fileError(e);
  if (file) return new UsageError(file, { code: e.code, cause: err });

  const where = context.endpoint ?? (context.region ? `Cognito in ${context.region}` : 'AWS');
  const timeout = timeoutKind(e);
  if (timeout === 'answer') {
    // The endpoint took the connection and never answered: not a stopped emulator (that refuses).
    const wait = context.timeoutMs ? ` within ${formatSeconds(context.timeoutMs)}` : ' in time';
    return new CliError(`no answer from ${where}${wait}`, ExitCode.failed, {
      ...details,
      code: 'TimeoutError',
      hint: context.endpoint
        ? `${context.endpoint} accepts connections but does not answer: check that it is a Cognito emulator and not stuck, or wait longer with COGNITO_ADMIN_TIMEOUT=<seconds>`
        : 'Cognito did not answer: retry, or wait longer with COGNITO_ADMIN_TIMEOUT=<seconds>',
    });
  }
  const network = networkCode(e);
  if (network || timeout === 'connect' || name === 'RequestTimeout') {
    const what = network ? `cannot reach ${where}: ${message}` : `cannot connect to ${where} in time`;
    return new CliError(what, ExitCode.failed, {
      ...details,
      code: network ?? name,
      hint: context.endpoint
        ? `is the emulator running at ${context.endpoint}? (check --endpoint / AWS_ENDPOINT_URL)`
        : 'check your network connection and the region (COGNITO_ADMIN_TIMEOUT sets the wait in seconds)',
    });
  }
  if (isUnimplementedOperation(e)) {
    // Only an emulator lacks an operation the SDK has: name it, not the parser's complaint.
    const operation = operationOf(e) ?? 'this operation';
    const status = e.$metadata?.httpStatusCode;
    const endpoint = context.endpoint ?? 'the endpoint';
    return new CliError(
      name === 'SyntaxError'
        ? `${endpoint} gave no valid answer to ${operation}${status ? ` (HTTP ${status})` : ''}`
        : `${endpoint} does not implement ${operation}: ${message}`,
      ExitCode.failed,
      {
        ...details,
        code: 'UnsupportedOperation',
        hint: context.endpoint
          ? `the emulator at ${context.endpoint} may not implement ${operation}; emulators implement only part of the Cognito API`
          : 'the endpoint answered with something that is not the Cognito API: check --endpoint / AWS_ENDPOINT_URL',
      },
    );
  }
  if (/^Region is missing/i.test(message)) {
    return new UsageError('no AWS region is set', {
      ...details,
      code: undefined,
      hint: 'pass --region, set AWS_REGION, store one with `cognito-admin profile set <name> --region <region>`, or give a pool id (its prefix is the region)',
    });
  }
  const missingProfile = /Could not resolve credentials using profile: \[([^\]]*)\]|Profile (\S+) could not be found/i.exec(message);
  if (missingProfile) {
    const profile = missingProfile[1] ?? missingProfile[2] ?? context.awsProfile ?? '';
    return new AuthError(`AWS profile "${profile}" does not exist in the AWS config or credentials files`, {
      ...details,
      hint: '`aws configure list-profiles` shows the profiles there; `aws configure --profile <name>` or `aws configure sso` adds one',
    });
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return new AuthError('no AWS credentials found', { ...details, hint: CREDENTIALS_HINT });
  }
  if (name === 'NotAuthorizedException' && STATE_REFUSALS.test(message)) {
    return new CliError(message, ExitCode.failed, { ...details, hint: stateHint(message) });
  }
  if (AUTH_ERRORS.has(name)) {
    return new AuthError(message, { ...details, hint: authHint(name, message) });
  }
  if (INPUT_ERRORS.has(name)) {
    return new UsageError(message, { ...details, hint: inputHint(name) });
  }
  return new CliError(message, exitFor(name), { ...details, hint: otherHint(name, context) });
}

export const CREDENTIALS_HINT =
  'configure credentials with `aws configure`, sign in with `aws sso login --profile <name>` and pass --aws-profile, ' +
  'or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (any values work against a local emulator)';

function exitFor(_name: string): ExitCodeValue {
  return ExitCode.failed;
}

function authHint(name: string, message: string): string | undefined {
  if (name === 'NotAuthorizedException' && /secret hash|SECRET_HASH was not received|configured (with|for) secret/i.test(message)) {
    return (
      'the app client has a secret: set COGNITO_CLIENT_SECRET or store it with `profile set --client-secret-stdin` ' +
      '(it is looked up with DescribeUserPoolClient when --pool is given and the AWS credentials allow it)'
    );
  }
  if (name === 'NotAuthorizedException' && /incorrect username or password/i.test(message)) return undefined;
  if (name === 'ExpiredTokenException' || name === 'ExpiredToken') {
    return 'your AWS session has expired: run `aws sso login` (or refresh your credentials) and try again';
  }
  if (name === 'UserNotConfirmedException') return 'confirm the user: `cognito-admin auth confirm-sign-up <username> --code <code>` or `user confirm <username>`';
  if (name === 'PasswordResetRequiredException') return 'run `cognito-admin auth forgot-password <username>`';
  if (name === 'UnrecognizedClientException' || name === 'InvalidSignatureException' || name === 'InvalidClientTokenId') {
    return 'the AWS credentials were rejected: check AWS_PROFILE / --aws-profile and the keys';
  }
  if (name === 'AccessDeniedException') return 'the AWS identity lacks the IAM permission for this call';
  return undefined;
}

function stateHint(message: string): string {
  if (/reset/i.test(message)) {
    return (
      'a password reset needs a confirmed user with a verified email or phone; `cognito-admin user get <username>` shows the status, ' +
      'and `cognito-admin user set-password <username>` sets a new temporary password instead'
    );
  }
  return '`cognito-admin user get <username>` shows the user\'s status';
}

function inputHint(name: string): string | undefined {
  if (name === 'InvalidPasswordException') {
    return "the password does not meet the pool's password policy: `cognito-admin pool describe` shows it";
  }
  return undefined;
}

function otherHint(name: string, context: ErrorContext): string | undefined {
  switch (name) {
    case 'ResourceNotFoundException': {
      const region = context.region ? ` in ${context.region}${context.regionOrigin ? ` (from ${context.regionOrigin})` : ''}` : '';
      return `check the id and the region${region}: \`cognito-admin pool list\` shows the pools there`;
    }
    case 'UserNotFoundException':
      return '`cognito-admin user list` shows the users of the pool';
    case 'UsernameExistsException':
      return 'the username is taken: `cognito-admin user get <username>` shows that user';
    case 'GroupExistsException':
      return '`cognito-admin group get <name>` shows the existing group';
    case 'TooManyRequestsException':
    case 'LimitExceededException':
      return 'Cognito is throttling this account: wait a moment and retry';
    case 'CodeMismatchException':
      return 'check the code and try again';
    case 'ExpiredCodeException':
      return 'ask for a new code and try again';
    default:
      return undefined;
  }
}

function fileError(e: AwsLikeError): string | undefined {
  // A file the user named that cannot be read (or written) is bad input: exit 2 before any change.
  const problem = fileProblem(e.code);
  if (!problem || !e.syscall || '$metadata' in e) return undefined;
  const verb = e.syscall === 'open' || e.syscall === 'read' || e.syscall === 'stat' || e.syscall === 'scandir' ? 'read' : e.syscall;
  return `cannot ${verb} ${e.path ?? 'the input file'}: ${problem}`;
}

/** 'connect' when no connection was made in time, 'answer' when a connected endpoint stayed silent. */
function timeoutKind(e: AwsLikeError): 'connect' | 'answer' | undefined {
  if (e.name !== 'TimeoutError' && e.code !== 'ETIMEDOUT') return undefined;
  const text = e.message ?? '';
  if (/did not establish a connection|without establishing a connection|connect ETIMEDOUT/i.test(text)) return 'connect';
  if (/requestTimeout|timed out after|socket timed out/i.test(text) || e.name === 'TimeoutError') return 'answer';
  return undefined;
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** A failure to reach the endpoint: the engine's transient socket codes, or a name that does not resolve. */
function networkCode(e: AwsLikeError): string | undefined {
  const transient = transientNetworkCode(e);
  if (transient) return transient;
  for (let current: AwsLikeError | undefined = e, depth = 0; current && depth < 5; depth++) {
    if (current.code === 'ENOTFOUND' || /\bENOTFOUND\b/.test(current.message ?? '')) return 'ENOTFOUND';
    current = current.cause as AwsLikeError | undefined;
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
