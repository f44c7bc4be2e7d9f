// Errors the fake throws; the router turns them into AWS JSON 1.1 error responses
// (HTTP 400, body {"__type","message"}, header x-amzn-errortype), as Cognito does.
export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export const fail = (type: string, message: string, status = 400): never => {
  throw new CognitoError(type, message, status);
};

export const invalidParameter = (message: string): never => fail('InvalidParameterException', message);
export const notAuthorized = (message: string): never => fail('NotAuthorizedException', message);
export const resourceNotFound = (message: string): never => fail('ResourceNotFoundException', message);

/** Cognito's validation error for a missing required request member. */
export function required<T>(value: T | undefined | null, member: string): T {
  if (value === undefined || value === null || value === '') {
    fail(
      'InvalidParameterException',
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value as T;
}
