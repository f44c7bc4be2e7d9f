// user invite: sends the invitation again (AdminCreateUser with MessageAction RESEND), for a
// user who lost it or whose temporary password expired.
import { AdminCreateUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { checkUsername } from './attributes.js';

export async function inviteUser(ctx: Context, username: string, options: { invite?: string[] }): Promise<void> {
  checkUsername(username);
  const mediums = options.invite?.map((m) => (m === 'sms' ? 'SMS' : 'EMAIL') as 'SMS' | 'EMAIL');
  const poolId = await ctx.poolId();
  const { User } = await (await ctx.idp()).send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'RESEND',
      DesiredDeliveryMediums: mediums,
    }),
  );
  const how = mediums ? ` by ${mediums.map((m) => m.toLowerCase()).join(' and ')}` : '';
  ctx.out.done(`sent the invitation to ${username} again${how}`, {
    username,
    status: User?.UserStatus,
    invitation: options.invite?.join(',') ?? 'default',
  });
}
