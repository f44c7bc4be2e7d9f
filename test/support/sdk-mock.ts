// A strict aws-sdk-client-mock for the Cognito user-pool client: any call a test did not stub
// fails the command (and so the test).
import { mockClient } from 'aws-sdk-client-mock';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

export function strictIdpMock() {
  const mock = mockClient(CognitoIdentityProviderClient);
  mock.reset();
  mock.onAnyCommand().callsFake((input) => {
    throw new Error(`unexpected AWS call with ${JSON.stringify(input)}`);
  });
  return mock;
}

export function awsError(name: string, message = name) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400, requestId: 'test-request-id' } });
}
