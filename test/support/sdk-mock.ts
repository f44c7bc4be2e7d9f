// Strict aws-sdk-client-mock mocks: any call a test did not stub fails the command (and so the
// test). `useStrictMock` also resets the mock before each test of the file that calls it.
import { beforeEach } from 'vitest';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { MetadataBearer } from '@smithy/types';

type ClientArg<I extends object, O extends MetadataBearer, C> = Parameters<typeof mockClient<I, O, C>>[0];

function failUnexpected(mock: AwsStub<any, any, any>): void {
  mock.onAnyCommand().callsFake((input: unknown) => {
    throw new Error(`unexpected AWS call with ${JSON.stringify(input)}`);
  });
}

export function strictMock<I extends object, O extends MetadataBearer, C>(client: ClientArg<I, O, C>) {
  const mock = mockClient<I, O, C>(client);
  mock.reset();
  failUnexpected(mock as AwsStub<any, any, any>);
  return mock;
}

export function useStrictMock<I extends object, O extends MetadataBearer, C>(client: ClientArg<I, O, C>) {
  const mock = strictMock<I, O, C>(client);
  beforeEach(() => {
    mock.reset();
    failUnexpected(mock as AwsStub<any, any, any>);
  });
  return mock;
}

export function strictIdpMock() {
  return strictMock(CognitoIdentityProviderClient);
}

export function useStrictIdpMock() {
  return useStrictMock(CognitoIdentityProviderClient);
}

export function awsError(name: string, message = name) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400, requestId: 'test-request-id' } });
}
