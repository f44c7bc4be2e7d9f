// The wire: AWS JSON 1.1 as the SDK v3 expects it, errors by name, request ids, signing,
// and the describe operations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminGetUserCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { startFakeCognito, type FakeCognito } from '../../support/fake-cognito/index.js';
import { rejection, sdkClient } from './sdk.js';

let server: FakeCognito;
let sdk: CognitoIdentityProviderClient;

beforeAll(async () => {
  server = await startFakeCognito({ region: 'us-east-2' });
  sdk = sdkClient(server);
});
afterAll(async () => {
  sdk.destroy();
  await server.close();
});

const post = (target: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, ...headers },
    body: JSON.stringify(body),
  });

describe('AWS JSON 1.1', () => {
  it('listens on loopback and makes pool ids in its region', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.createPool().id).toMatch(/^us-east-2_[0-9A-Za-z]{9}$/);
  });

  it('answers errors with __type, message, x-amzn-errortype and a request id', async () => {
    const response = await post('AWSCognitoIdentityProviderService.InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'nope',
      AuthParameters: {},
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^ResourceNotFoundException/);
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'User pool client nope does not exist.',
    });
  });

  it('lets the SDK see the error name, message and request id', async () => {
    const pool = server.createPool();
    const { clientId } = server.createClient(pool.id, { flows: ['ALLOW_USER_PASSWORD_AUTH'] });
    server.addUser(pool.id, { username: 'ann', password: 'Right-pass-1' });
    const error = (await rejection(
      sdk.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: clientId,
          AuthParameters: { USERNAME: 'ann', PASSWORD: 'Wrong-pass-1' },
        }),
      ),
    )) as Error & { $metadata: { httpStatusCode: number; requestId: string } };
    expect(error.name).toBe('NotAuthorizedException');
    expect(error.message).toBe('Incorrect username or password.');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses unknown operations and unsigned admin calls', async () => {
    const unknown = await post('AWSCognitoIdentityProviderService.Frobnicate', {});
    expect(((await unknown.json()) as { __type: string }).__type).toBe('UnknownOperationException');
    const unsigned = await post('AWSCognitoIdentityProviderService.DescribeUserPool', { UserPoolId: 'x_y' });
    expect(unsigned.status).toBe(400);
    expect(((await unsigned.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');
  });

  it('names a missing required member the way AWS validation does', async () => {
    const error = await rejection(sdk.send(new DescribeUserPoolCommand({} as never)));
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toContain("Value null at 'userPoolId'");
  });

  it('records every call with its operation, body and headers', async () => {
    const before = server.calls.length;
    await rejection(sdk.send(new AdminGetUserCommand({ UserPoolId: 'us-east-2_none', Username: 'x' })));
    const call = server.calls[before]!;
    expect(call.operation).toBe('AdminGetUser');
    expect(call.body).toEqual({ UserPoolId: 'us-east-2_none', Username: 'x' });
    expect(call.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.AdminGetUser');
    expect(call.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
  });
});

describe('DescribeUserPool / DescribeUserPoolClient', () => {
  it('describes the pool with its sign-in attributes, MFA, schema and email configuration', async () => {
    const pool = server.createPool({
      name: 'described',
      mfa: 'OPTIONAL',
      usernameAttributes: ['email'],
      requiredAttributes: ['email', 'name'],
      customAttributes: ['tenant'],
    });
    const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: pool.id }));
    expect(UserPool).toMatchObject({
      Id: pool.id,
      Name: 'described',
      MfaConfiguration: 'OPTIONAL',
      UsernameAttributes: ['email'],
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
    });
    expect(UserPool!.CreationDate).toBeInstanceOf(Date);
    const schema = Object.fromEntries(UserPool!.SchemaAttributes!.map((a) => [a.Name, a]));
    expect(schema.email!.Required).toBe(true);
    expect(schema.name!.Required).toBe(true);
    expect(schema.phone_number!.Required).toBe(false);
    expect(schema['custom:tenant']).toMatchObject({ AttributeDataType: 'String', Mutable: true });

    const mfa = await sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: pool.id }));
    expect(mfa.MfaConfiguration).toBe('OPTIONAL');
    expect(mfa.SoftwareTokenMfaConfiguration?.Enabled).toBe(true);
  });

  it('describes the client with its secret and flows', async () => {
    const pool = server.createPool({ aliasAttributes: ['email'] });
    const client = server.createClient(pool.id, { name: 'web', secret: true, flows: ['ALLOW_USER_SRP_AUTH'] });
    const { UserPoolClient } = await sdk.send(
      new DescribeUserPoolClientCommand({ UserPoolId: pool.id, ClientId: client.clientId }),
    );
    expect(UserPoolClient).toMatchObject({
      UserPoolId: pool.id,
      ClientId: client.clientId,
      ClientName: 'web',
      ClientSecret: client.clientSecret,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
    });
    const missing = await rejection(sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.id, ClientId: 'zzz' })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });
});
