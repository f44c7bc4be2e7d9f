// The one translation from AWS SDK and network errors to our typed errors: the AWS error name,
// a one-line message, the exit code of SPEC §1 and a hint where the next step is known.
import { AuthError, CliError, ExitCode, UsageError, type ExitCodeValue } from '../errors.js';
import { scrub } from './redact.js';
import { networkCode as transientNetworkCode } from '../bulk/retry.js';

export interface ErrorContext {
  region?: string;
  regionOrigin?: string;
  poolId?: string;
  endpoint?: string;
}

interface AwsLikeError {
  name?: string;
  message?: string;
  code?: string;
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

  const network = networkCode(e);
  if (network || name === 'TimeoutError' || name === 'RequestTimeout') {
    const where = context.endpoint ?? (context.region ? `Cognito in ${context.region}` : 'AWS');
    const what = network ? `cannot reach ${where}: ${message}` : `no answer from ${where} in time`;
    return new CliError(what, ExitCode.failed, {
      ...details,
      code: network ?? name,
      hint: context.endpoint
        ? `is the emulator running at ${context.endpoint}? (check --endpoint / AWS_ENDPOINT_URL)`
        : 'check your network connection and the region (COGNITO_ADMIN_TIMEOUT sets the wait in seconds)',
    });
  }
  if (/^Region is missing/i.test(message)) {
    return new UsageError('no AWS region is set', {
      ...details,
      code: undefined,
      hint: 'pass --region, set AWS_REGION, store one with `cognito-admin profile set <name> --region <region>`, or give a pool id (its prefix is the region)',
    });
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return new AuthError('no AWS credentials found', { ...details, hint: CREDENTIALS_HINT });
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
