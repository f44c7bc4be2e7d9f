// identity set-roles: SetIdentityPoolRoles replaces the whole role set (and the role mappings),
// so the current ones are read first and only the roles named on the command line change.
import { GetIdentityPoolRolesCommand, SetIdentityPoolRolesCommand } from '@aws-sdk/client-cognito-identity';
import { checkRoleArn } from '../role-arn.js';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { checkIdentityPoolId, identityClient, sendNamed } from './common.js';
import { rolesView } from '../../views/identity-pool.js';

export interface SetRolesOptions {
  authenticated?: string;
  guest?: string;
}

export async function setIdentityPoolRoles(ctx: Context, id: string, options: SetRolesOptions): Promise<void> {
  const poolId = checkIdentityPoolId(id);
  if (!options.authenticated && !options.guest) {
    throw new UsageError('nothing to set: pass --authenticated <arn> and/or --guest <arn>');
  }
  if (options.authenticated) checkRoleArn(options.authenticated, '--authenticated');
  if (options.guest) checkRoleArn(options.guest, '--guest');

  const identity = await identityClient(ctx, poolId);
  const current = await sendNamed('GetIdentityPoolRoles', () =>
    identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: poolId })),
  );
  const roles: Record<string, string> = { ...current.Roles };
  if (options.authenticated) roles.authenticated = options.authenticated;
  if (options.guest) roles.unauthenticated = options.guest;

  await sendNamed('SetIdentityPoolRoles', () =>
    identity.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: poolId,
        Roles: roles,
        // Left out, SetIdentityPoolRoles would drop the pool's rule- and token-based mappings.
        ...(current.RoleMappings && Object.keys(current.RoleMappings).length ? { RoleMappings: current.RoleMappings } : {}),
      }),
    ),
  );
  const changed = [options.authenticated && 'authenticated', options.guest && 'guest'].filter(Boolean).join(' and ');
  ctx.out.done(`set the ${changed} role of identity pool ${poolId}`, { id: poolId, roles: rolesView(roles) });
}
