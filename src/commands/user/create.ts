// user create: AdminCreateUser, then AdminAddUserToGroup per --group. Everything that can be
// checked is checked before the user exists: the flags, and that every group is there.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  GetGroupCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { CliError, ExitCode, UsageError } from '../../errors.js';
import { isAwsError, translateAwsError } from '../../aws/errors.js';
import { add, attributesFromFlags, checkUsername, type Attribute } from './attributes.js';
import { readStdinSecret } from './password.js';
import { userView } from './view.js';

export interface CreateOptions {
  email?: string;
  phone?: string;
  attr?: string[];
  emailVerified?: boolean;
  phoneVerified?: boolean;
  tempPasswordStdin?: boolean;
  /** `none`, or delivery mediums: email, sms. Absent: Cognito's own default invitation. */
  invite?: string[];
  group?: string[];
}

export interface CreatePlan {
  username: string;
  attributes: Attribute[];
  messageAction?: 'SUPPRESS';
  deliveryMediums?: Array<'EMAIL' | 'SMS'>;
  groups: string[];
}

/** The flags as the AdminCreateUser request and the groups to join; throws on bad input. */
export function planCreate(username: string, options: CreateOptions): CreatePlan {
  checkUsername(username);
  const attributes = attributesFromFlags(options);
  const has = (name: string) => attributes.some((a) => a.Name === name);
  if (options.emailVerified) {
    if (!has('email')) throw new UsageError('--email-verified needs an email address: pass --email');
    add(attributes, { Name: 'email_verified', Value: 'true' }, '--email-verified');
  }
  if (options.phoneVerified) {
    if (!has('phone_number')) throw new UsageError('--phone-verified needs a phone number: pass --phone');
    add(attributes, { Name: 'phone_number_verified', Value: 'true' }, '--phone-verified');
  }

  const plan: CreatePlan = { username, attributes, groups: [...new Set(options.group ?? [])] };
  const invite = options.invite;
  if (invite?.includes('none')) {
    plan.messageAction = 'SUPPRESS';
  } else if (invite) {
    // Cognito fails the whole call when a chosen medium has nowhere to go; say so first.
    if (invite.includes('sms') && !has('phone_number')) {
      throw new UsageError('--invite sms needs a phone number: pass --phone');
    }
    if (invite.includes('email') && !has('email') && !username.includes('@')) {
      throw new UsageError('--invite email needs an email address: pass --email');
    }
    plan.deliveryMediums = invite.map((m) => (m === 'sms' ? 'SMS' : 'EMAIL'));
  }
  for (const group of plan.groups) {
    if (!group.trim()) throw new UsageError('--group needs a group name');
  }
  return plan;
}

export async function createUser(ctx: Context, username: string, options: CreateOptions): Promise<void> {
  const plan = planCreate(username, options);
  const temporaryPassword = options.tempPasswordStdin
    ? await readStdinSecret(ctx, '--temp-password-stdin', 'the temporary password')
    : undefined;
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();

  await checkGroupsExist(idp, poolId, plan.groups);

  const { User } = await idp
    .send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: plan.username,
        UserAttributes: plan.attributes.length ? plan.attributes : undefined,
        TemporaryPassword: temporaryPassword,
        MessageAction: plan.messageAction,
        DesiredDeliveryMediums: plan.deliveryMediums,
      }),
    )
    .catch((err: unknown) => {
      // Cognito's own message varies ("User account already exists", or just the name).
      if (isAwsError(err, 'UsernameExistsException')) {
        throw new CliError(`user ${plan.username} already exists in pool ${poolId}; nothing was changed`, ExitCode.failed, {
          code: 'UsernameExistsException',
          hint: `\`cognito-admin user get ${plan.username}\` shows that user; \`cognito-admin user invite ${plan.username}\` sends the invitation again`,
          cause: err,
        });
      }
      throw err;
    });
  // In a pool that signs in with email or phone, Cognito names the user by a generated id.
  const internal = User?.Username ?? plan.username;
  await joinGroups(ctx, idp, poolId, plan.username, internal, plan.groups);

  const invitation = plan.messageAction ? 'none' : plan.deliveryMediums?.map((m) => m.toLowerCase()).join(',') ?? 'default';
  const shown = internal === plan.username ? plan.username : `${plan.username} (Cognito username ${internal})`;
  ctx.out.done(
    `created user ${shown}, status ${User?.UserStatus ?? 'unknown'}` +
      (plan.groups.length ? `, in ${plan.groups.join(', ')}` : '') +
      (invitation === 'none' ? ', no invitation sent' : ''),
    { ...userView(User ?? { Username: internal }), groups: plan.groups, invitation },
  );
  if (invitation === 'none' && !temporaryPassword) {
    ctx.out.note(
      'no invitation was sent and nobody knows the generated temporary password: ' +
        `set one with \`cognito-admin user set-password ${plan.username}\``,
    );
  }
}

async function checkGroupsExist(idp: CognitoIdentityProviderClient, poolId: string, groups: string[]): Promise<void> {
  const missing: string[] = [];
  await Promise.all(
    groups.map(async (group) => {
      try {
        await idp.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: group }));
      } catch (err) {
        if (isAwsError(err, 'ResourceNotFoundException')) missing.push(group);
        else throw err;
      }
    }),
  );
  if (missing.length) {
    const names = groups.filter((g) => missing.includes(g));
    throw new UsageError(
      `${names.length === 1 ? 'group' : 'groups'} ${names.join(', ')} ${names.length === 1 ? 'does' : 'do'} not exist in pool ${poolId}; no user was created`,
      { hint: `\`cognito-admin group list\` shows the groups; \`cognito-admin group create ${names[0]}\` makes one` },
    );
  }
}

/**
 * Adds the new user to its groups. A failure here leaves the user created: it is not deleted
 * again, because an invitation with a temporary password may already be on its way to them.
 */
async function joinGroups(
  ctx: Context,
  idp: CognitoIdentityProviderClient,
  poolId: string,
  username: string,
  internal: string,
  groups: string[],
): Promise<void> {
  const joined: string[] = [];
  for (const group of groups) {
    try {
      await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: internal, GroupName: group }));
      joined.push(group);
    } catch (err) {
      const failure = translateAwsError(err, ctx.errorContext());
      const rest = groups.slice(groups.indexOf(group));
      throw new CliError(
        `created user ${username}${joined.length ? ` and added it to ${joined.join(', ')}` : ''}, ` +
          `but adding it to group ${group} failed: ${failure.message}`,
        // Exit 2 promises that nothing changed; the user exists now.
        failure.exitCode === ExitCode.usage ? ExitCode.failed : failure.exitCode,
        {
          code: failure.code,
          hint: `finish with ${rest.map((g) => `\`cognito-admin group add ${g} ${username}\``).join(', ')}`,
          cause: err,
        },
      );
    }
  }
}
