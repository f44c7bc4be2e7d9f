import { describe, expect, it } from 'vitest';
import { translateAwsError } from '../../../src/aws/errors.js';
import { registerSecret } from '../../../src/aws/redact.js';

const aws = (name: string, message: string, extra: object = {}) =>
  Object.assign(new Error(message), { name, $metadata: { requestId: 'req-1', httpStatusCode: 400 }, ...extra });

describe('translateAwsError', () => {
  it.each([
    ['NotAuthorizedException', 'Incorrect username or password.', 4],
    ['UnrecognizedClientException', 'The security token included in the request is invalid.', 4],
    ['ExpiredTokenException', 'The security token included in the request is expired', 4],
    ['AccessDeniedException', 'not authorized to perform cognito-idp:ListUsers', 4],
    ['InvalidParameterException', '1 validation error detected', 2],
    ['InvalidPasswordException', 'Password did not conform with policy', 2],
    ['ResourceNotFoundException', 'User pool eu-west-1_x does not exist.', 1],
    ['UserNotFoundException', 'User does not exist.', 1],
    ['UsernameExistsException', 'User account already exists', 1],
    ['TooManyRequestsException', 'Too many requests', 1],
    ['InternalErrorException', 'boom', 1],
  ])('%s → exit %i with the AWS code and request id', (name, message, exitCode) => {
    const error = translateAwsError(aws(name, message));
    expect(error.exitCode).toBe(exitCode);
    expect(error.code).toBe(name);
    expect(error.message).toBe(message);
    expect(error.requestId).toBe('req-1');
  });

  it('gives hints where a next step is known', () => {
    expect(translateAwsError(aws('ResourceNotFoundException', 'x'), { region: 'eu-west-1', regionOrigin: '--region' }).hint)
      .toMatch(/region in eu-west-1 \(from --region\)/);
    expect(translateAwsError(aws('InvalidPasswordException', 'x')).hint).toMatch(/password policy/);
    expect(translateAwsError(aws('ExpiredTokenException', 'x')).hint).toMatch(/aws sso login/);
    expect(translateAwsError(aws('NotAuthorizedException', 'Unable to verify secret hash for client abc')).hint)
      .toMatch(/COGNITO_CLIENT_SECRET/);
  });

  it('reports missing credentials as exit 4 with how to configure them', () => {
    const error = translateAwsError(aws('CredentialsProviderError', 'Could not load credentials from any providers'));
    expect(error.exitCode).toBe(4);
    expect(error.message).toBe('no AWS credentials found');
    expect(error.hint).toMatch(/aws configure/);
    expect(error.hint).toMatch(/aws sso login/);
  });

  it('reports an unreachable endpoint with the endpoint, not a stack', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const error = translateAwsError(refused, { endpoint: 'http://127.0.0.1:9' });
    expect(error.exitCode).toBe(1);
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.message).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9/);
    expect(error.hint).toMatch(/emulator running/);
    const timeout = translateAwsError(aws('TimeoutError', 'Socket timed out without establishing a connection within 3000 ms'));
    expect(timeout.message).toMatch(/cannot connect to AWS in time/);
  });

  it('reports an endpoint that connects but never answers as a time-out, without the SDK\'s log text', () => {
    const silent = Object.assign(
      new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 2000 ms requestTimeout.'),
      { name: 'TimeoutError', code: 'ETIMEDOUT' },
    );
    const error = translateAwsError(silent, { endpoint: 'http://127.0.0.1:9', timeoutMs: 2000 });
    expect(error.exitCode).toBe(1);
    expect(error.code).toBe('TimeoutError');
    expect(error.message).toBe('no answer from http://127.0.0.1:9 within 2 s');
    expect(error.message).not.toMatch(/smithy/);
    expect(error.hint).toMatch(/accepts connections but does not answer/);
    expect(error.hint).toMatch(/COGNITO_ADMIN_TIMEOUT/);
    expect(error.hint).not.toMatch(/is the emulator running/);
  });

  it('says that a named AWS profile does not exist (not that there are no credentials)', () => {
    const error = translateAwsError(
      aws('CredentialsProviderError', 'Could not resolve credentials using profile: [nosuch] in configuration/credentials file(s).'),
      { awsProfile: 'nosuch' },
    );
    expect(error.exitCode).toBe(4);
    expect(error.message).toBe('AWS profile "nosuch" does not exist in the AWS config or credentials files');
    expect(error.hint).toMatch(/aws configure list-profiles/);
  });

  it.each([
    ['User password cannot be reset in the current state.', /user set-password/],
    ['User cannot be confirmed. Current status is CONFIRMED', /user get/],
  ])('NotAuthorizedException about the user\'s state (%s) is a failed operation, exit 1', (message, hint) => {
    const error = translateAwsError(aws('NotAuthorizedException', message));
    expect(error.exitCode).toBe(1);
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.hint).toMatch(hint);
  });

  it.each([
    ['EACCES', 'open', '/data/users.csv', 'cannot read /data/users.csv: permission denied'],
    ['EISDIR', 'read', undefined, 'cannot read the input file: is a folder, not a file'],
    ['ENOTDIR', 'open', '/etc/passwd/x', 'cannot read /etc/passwd/x: a part of the path is not a folder'],
  ])('a file error %s is bad input: exit 2 with one readable line', (code, syscall, path, message) => {
    const err = Object.assign(new Error(`${code}: something, ${syscall}`), { code, syscall, path, errno: -13 });
    const error = translateAwsError(err);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(message);
    expect(error.code).toBe(code);
  });

  it('asks for a region when the SDK has none', () => {
    const error = translateAwsError(new Error('Region is missing'));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('no AWS region is set');
    expect(error.hint).toMatch(/--region/);
  });

  it('keeps messages to one line and scrubs known secrets and tokens from them', () => {
    registerSecret('Hunter2-Password!');
    const error = translateAwsError(aws('InvalidParameterException', 'bad value Hunter2-Password! for eyJhbGciOi.eyJzdWIi.c2ln\nsecond line'));
    expect(error.message).toBe('bad value **** for ****');
  });
});
