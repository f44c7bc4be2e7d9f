// Shared by the identity verbs: input checks done before any call, the login key Cognito
// expects for a user pool, the client in the identity pool's own region, and a readable error
// when an endpoint (an emulator) does not implement an operation.
import { tagOperation } from '../../aws/unimplemented.js';
import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type { STSClient } from '@aws-sdk/client-sts';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { regionFromPoolId } from '../../config/settings.js';

const IDENTITY_POOL_ID = /^[\w-]+:[0-9a-f-]+$/;
const IDENTITY_POOL_NAME = /^[\w\s+=,.@-]{1,128}$/;
const DEVELOPER_PROVIDER = /^[\w._-]{1,100}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function checkIdentityPoolId(id: string, origin = 'argument'): string {
  if (!IDENTITY_POOL_ID.test(id) || id.length > 55) {
    throw new UsageError(`invalid identity pool id "${id}" (from ${origin})`, {
      hint: 'an identity pool id looks like eu-west-1:0a1b2c3d-…; `cognito-admin identity list` shows them',
    });
  }
  return id;
}

export function checkIdentityPoolName(name: string): string {
  if (!IDENTITY_POOL_NAME.test(name)) {
    throw new UsageError(`invalid identity pool name "${name}"`, {
      hint: 'up to 128 letters, digits, spaces and + = , . @ - _',
    });
  }
  return name;
}

export function checkDeveloperProvider(name: string, flag: string): string {
  if (!DEVELOPER_PROVIDER.test(name)) {
    throw new UsageError(`${flag} "${name}" is not a developer provider name`, {
      hint: 'up to 100 letters, digits and . _ -, e.g. login.example.com',
    });
  }
  return name;
}

/** The region an identity pool id names (`eu-west-1:…` → `eu-west-1`). */
export function regionFromIdentityPoolId(id: string): string | undefined {
  const prefix = id.slice(0, id.indexOf(':'));
  return REGION.test(prefix) ? prefix : undefined;
}

/**
 * The key under which an identity pool accepts a user pool's id token:
 * `cognito-idp.<region>.amazonaws.com/<poolId>`, in the USER POOL's region.
 */
export function userPoolProvider(poolId: string, fallbackRegion: string | undefined): string {
  const region = regionFromPoolId(poolId) ?? fallbackRegion;
  if (!region) {
    throw new UsageError(`cannot tell the region of user pool ${poolId}`, { hint: 'pass --region' });
  }
  return `cognito-idp.${region}.amazonaws.com/${poolId}`;
}

/**
 * A Context whose clients talk to the identity pool's region. An identity pool lives only in the
 * region its id names, so without an explicit --region / AWS_REGION that prefix decides, and
 * `--identity-pool us-east-1:…` works with nothing else configured (handy for
 * `credential_process`, which runs with whatever environment it gets). A configured user pool in
 * another region keeps its region: the mismatch then shows as the AWS error, with its hint.
 */
export function regionalContext(ctx: Context, identityPoolId: string): Context {
  const region = regionFromIdentityPoolId(identityPoolId);
  if (!region || ctx.settings.region || ctx.region()?.value === region) return ctx;
  const configuredPoolRegion = ctx.settings.poolId && regionFromPoolId(ctx.settings.poolId.value);
  if (configuredPoolRegion && configuredPoolRegion !== region) return ctx;
  return ctx.derive({ region });
}

export function identityClient(ctx: Context, identityPoolId: string): Promise<CognitoIdentityClient> {
  return regionalContext(ctx, identityPoolId).identity();
}

export function stsClient(ctx: Context, identityPoolId: string): Promise<STSClient> {
  return regionalContext(ctx, identityPoolId).sts();
}

/**
 * Sends a command, naming its operation in the error an emulator that lacks it causes (the error
 * translation words it): strict SDK mocks bypass the clients' own operation tag.
 */
export async function sendNamed<T>(operation: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    throw tagOperation(err, operation);
  }
}
