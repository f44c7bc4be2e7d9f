// Reading a group and its members, shared by the verbs. A missing group is reported as such (not
// with the generic "check the pool id and region" hint), so a typo fails before any change.
import {
  GetGroupCommand,
  ListUsersInGroupCommand,
  type CognitoIdentityProviderClient,
  type GroupType,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CliError, ExitCode } from '../../errors.js';
import { isAwsError } from '../../aws/errors.js';
import { paginate } from '../../aws/paginate.js';

export async function getGroup(idp: CognitoIdentityProviderClient, poolId: string, name: string): Promise<GroupType> {
  try {
    const { Group } = await idp.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: name }));
    return Group!;
  } catch (err) {
    if (isAwsError(err, 'ResourceNotFoundException') && !aboutThePool(err, poolId)) throw groupNotFound(name, poolId, err);
    throw err;
  }
}

/**
 * The members of a group, page by page (ListUsersInGroup returns at most 60 per page). A missing
 * group is thrown as `notFound` makes it.
 */
export function members(
  idp: CognitoIdentityProviderClient,
  poolId: string,
  name: string,
  limit?: number,
  notFound: (name: string, poolId: string, cause: unknown) => Error = groupNotFound,
): AsyncGenerator<UserType> {
  return paginate(
    async (token, size) => {
      try {
        const r = await idp.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: name, NextToken: token, Limit: size }));
        return { items: r.Users, next: r.NextToken };
      } catch (err) {
        if (isAwsError(err, 'ResourceNotFoundException') && !aboutThePool(err, poolId)) throw notFound(name, poolId, err);
        throw err;
      }
    },
    { pageSize: 60, limit },
  );
}

export function groupNotFound(name: string, poolId: string, cause: unknown): CliError {
  return new CliError(`group ${name} does not exist in user pool ${poolId}`, ExitCode.failed, {
    code: 'ResourceNotFoundException',
    hint: '`cognito-admin group list` shows the groups of the pool',
    requestId: (cause as { $metadata?: { requestId?: string } }).$metadata?.requestId,
    cause,
  });
}

// Cognito says "User pool <id> does not exist." and moto names the pool id: that is a missing
// pool, which the generic ResourceNotFoundException hint (check the id and region) covers.
function aboutThePool(err: unknown, poolId: string): boolean {
  const message = (err as Error).message ?? '';
  return /user pool/i.test(message) || message.includes(poolId);
}
