// An operation an emulator does not implement: named in one line, never retried by the bulk engine.
import { describe, expect, it } from 'vitest';
import { translateAwsError } from '../../../src/aws/errors.js';
import { isUnimplementedOperation, tagOperation } from '../../../src/aws/unimplemented.js';
import { classifyError } from '../../../src/bulk/retry.js';

const htmlAnswer = () =>
  tagOperation(
    Object.assign(new SyntaxError(`Unexpected token '<', "<!doctype "... is not valid JSON`), { $metadata: { httpStatusCode: 404 } }),
    'UpdateResourceServer',
  );
const unsupported = () =>
  tagOperation(
    Object.assign(new Error('Cognito Local unsupported feature: AdminUserGlobalSignOut'), { name: 'UnsupportedError', $metadata: { httpStatusCode: 500 } }),
    'AdminUserGlobalSignOut',
  );

describe('an operation the endpoint does not implement', () => {
  it('is recognised from moto\'s HTML page and cognito-local\'s "unsupported", but not from a real service error', () => {
    expect(isUnimplementedOperation(htmlAnswer())).toBe(true);
    expect(isUnimplementedOperation(unsupported())).toBe(true);
    expect(isUnimplementedOperation(Object.assign(new Error('User does not exist.'), { name: 'UserNotFoundException' }))).toBe(false);
    expect(isUnimplementedOperation(new SyntaxError('Unexpected end of JSON input'))).toBe(false);
  });

  it('is translated into a line naming the operation and the endpoint, exit 1', () => {
    const html = translateAwsError(htmlAnswer(), { endpoint: 'http://127.0.0.1:5000' });
    expect(html.message).toBe('http://127.0.0.1:5000 gave no valid answer to UpdateResourceServer (HTTP 404)');
    expect(html.code).toBe('UnsupportedOperation');
    expect(html.exitCode).toBe(1);
    expect(html.hint).toMatch(/may not implement UpdateResourceServer/);
    const local = translateAwsError(unsupported(), { endpoint: 'http://127.0.0.1:9229' });
    expect(local.message).toMatch(/^http:\/\/127\.0\.0\.1:9229 does not implement AdminUserGlobalSignOut: /);
  });

  it('is not retried by the bulk engine, although cognito-local answers it with HTTP 500', () => {
    expect(classifyError(unsupported())).toBe('fatal');
    expect(classifyError(Object.assign(new Error('boom'), { name: 'InternalErrorException', $metadata: { httpStatusCode: 500 } }))).toBe('transient');
  });
});
