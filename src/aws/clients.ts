// The only place AWS clients are built: region, credentials, endpoint, retries, time-outs,
// user agent and --debug logging are decided here once for every command.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type { STSClient } from '@aws-sdk/client-sts';
import type { CredentialProvider } from './credentials.js';
import { attachDebugLog, type DebugWrite } from './debug-log.js';
import { attachOperationTag } from './unimplemented.js';
import { VERSION } from '../version.js';

export interface ClientOptions {
  /** Undefined lets the SDK read it from the AWS config files (AWS_PROFILE / --aws-profile). */
  region?: string;
  endpoint?: string;
  awsProfile?: string;
  credentials: CredentialProvider;
  debug?: DebugWrite;
  /** The SDK's own attempts; bulk commands retry themselves and pass 1. */
  maxAttempts?: number;
  requestTimeoutMs?: number;
}

// A dead endpoint must fail fast rather than hang: bounded connect, bounded wait for a reply.
const CONNECT_TIMEOUT_MS = 3_000;

const ignore = () => {};
const SILENT_LOGGER = { trace: ignore, debug: ignore, info: ignore, warn: ignore, error: ignore };

function commonConfig(options: ClientOptions) {
  return {
    region: options.region,
    endpoint: options.endpoint,
    profile: options.awsProfile,
    credentials: options.credentials,
    maxAttempts: options.maxAttempts ?? 3,
    retryMode: 'standard',
    customUserAgent: `cognito-admin/${VERSION}`,
    requestHandler: {
      connectionTimeout: CONNECT_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      // Without this the SDK only warns when the time-out passes, and keeps waiting.
      throwOnRequestTimeout: true,
      // The handler would otherwise write its own warnings to the console (stderr); what matters
      // reaches the user as a translated error, and --debug logs every request.
      logger: SILENT_LOGGER,
    },
  };
}

export async function createIdpClient(options: ClientOptions): Promise<CognitoIdentityProviderClient> {
  const { CognitoIdentityProviderClient } = await import('@aws-sdk/client-cognito-identity-provider');
  const client = new CognitoIdentityProviderClient(commonConfig(options));
  attachOperationTag(client);
  if (options.debug) attachDebugLog(client, 'cognito-idp', options.debug);
  return client;
}

export async function createIdentityClient(options: ClientOptions): Promise<CognitoIdentityClient> {
  const { CognitoIdentityClient } = await import('@aws-sdk/client-cognito-identity');
  const client = new CognitoIdentityClient(commonConfig(options));
  attachOperationTag(client);
  if (options.debug) attachDebugLog(client, 'cognito-identity', options.debug);
  return client;
}

export async function createStsClient(options: ClientOptions): Promise<STSClient> {
  const { STSClient } = await import('@aws-sdk/client-sts');
  const client = new STSClient(commonConfig(options));
  attachOperationTag(client);
  if (options.debug) attachDebugLog(client, 'sts', options.debug);
  return client;
}
