// Shared by the fake-cognito tests: the real SDK v3 client pointed at the fake, and the
// amazon-cognito-identity-js SRP client, each as an independent check of the server.
import { createRequire } from 'node:module';
import { afterAll, beforeAll } from 'vitest';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { startFakeCognito, type FakeCognito } from '../../support/fake-cognito/index.js';

export function sdkClient(server: FakeCognito): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: server.url,
    region: server.region,
    credentials: { accessKeyId: 'AKIATESTTESTTESTTEST', secretAccessKey: 'test-secret-key-for-emulators-only' },
    maxAttempts: 1,
  });
}

/** Starts a fake Cognito and an SDK client on it for the file's tests, and stops them after. */
export function useFakeCognito(receive: (server: FakeCognito, sdk: CognitoIdentityProviderClient) => void): void {
  let server: FakeCognito | undefined;
  let sdk: CognitoIdentityProviderClient | undefined;
  beforeAll(async () => {
    server = await startFakeCognito();
    sdk = sdkClient(server);
    receive(server, sdk);
  });
  afterAll(async () => {
    sdk?.destroy();
    await server?.close();
  });
}

/** The SDK's error name for a rejected promise. */
export async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).name;
  }
  throw new Error('expected the call to fail');
}

export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

const require = createRequire(import.meta.url);
/** amazon-cognito-identity-js, including AuthenticationHelper which its typings leave out. */
export const identityJs = require('amazon-cognito-identity-js') as typeof import('amazon-cognito-identity-js') & {
  AuthenticationHelper: new (poolName: string) => SrpClientHelper;
  DateHelper: new () => { getNowString(): string };
};

interface BigIntegerLike {
  toString(radix: number): string;
}
export interface SrpClientHelper {
  getLargeAValue(cb: (err: unknown, a: BigIntegerLike) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverB: BigIntegerLike,
    salt: BigIntegerLike,
    cb: (err: unknown, key: Uint8Array) => void,
  ): void;
}
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default as new (hex: string, radix: number) => BigIntegerLike;

/** The client half of SRP, computed by amazon-cognito-identity-js's AuthenticationHelper. */
export function srpClient(poolId: string) {
  const poolName = poolId.split('_')[1]!;
  const helper = new identityJs.AuthenticationHelper(poolName);
  return {
    async A(): Promise<string> {
      return new Promise((resolve, reject) => helper.getLargeAValue((err, a) => (err ? reject(err) : resolve(a.toString(16)))));
    },
    async key(userIdForSrp: string, password: string, srpB: string, salt: string): Promise<Buffer> {
      return new Promise((resolve, reject) =>
        helper.getPasswordAuthenticationKey(
          userIdForSrp,
          password,
          new BigInteger(srpB, 16),
          new BigInteger(salt, 16),
          (err, key) => (err ? reject(err) : resolve(Buffer.from(key))),
        ),
      );
    },
    poolName,
  };
}
