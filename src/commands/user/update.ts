// user update: AdminUpdateUserAttributes for --attr, AdminDeleteUserAttributes for --remove-attr,
// with every flag checked before the first call.
import { AdminDeleteUserAttributesCommand, AdminUpdateUserAttributesCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { CliError, ExitCode, UsageError } from '../../errors.js';
import { translateAwsError } from '../../aws/errors.js';
import { checkUsername, parseAttrs, parseRemovals } from './attributes.js';

export interface UpdateOptions {
  attr?: string[];
  removeAttr?: string[];
}

export function planUpdate(username: string, options: UpdateOptions) {
  checkUsername(username);
  const set = parseAttrs(options.attr);
  const remove = parseRemovals(options.removeAttr);
  if (set.length === 0 && remove.length === 0) {
    throw new UsageError('nothing to change: pass --attr name=value and/or --remove-attr name');
  }
  const both = set.filter((a) => remove.includes(a.Name)).map((a) => a.Name);
  if (both.length) throw new UsageError(`${both.join(', ')} is both set (--attr) and removed (--remove-attr)`);
  return { set, remove };
}

export async function updateUser(ctx: Context, username: string, options: UpdateOptions): Promise<void> {
  const { set, remove } = planUpdate(username, options);
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  if (set.length) {
    await idp.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: username, UserAttributes: set }));
  }
  if (remove.length) {
    try {
      await idp.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: username, UserAttributeNames: remove }));
    } catch (err) {
      if (!set.length) throw err;
      const failure = translateAwsError(err, ctx.errorContext());
      throw new CliError(
        `set ${set.map((a) => a.Name).join(', ')} on ${username}, but removing ${remove.join(', ')} failed: ${failure.message}`,
        failure.exitCode === ExitCode.usage ? ExitCode.failed : failure.exitCode,
        { code: failure.code, hint: failure.hint, cause: err },
      );
    }
  }
  const parts = [
    set.length ? `set ${set.map((a) => a.Name).join(', ')}` : '',
    remove.length ? `removed ${remove.join(', ')}` : '',
  ].filter(Boolean);
  ctx.out.done(`updated user ${username}: ${parts.join('; ')}`, {
    username,
    updated: Object.fromEntries(set.map((a) => [a.Name, a.Value])),
    removed: remove,
  });
}
