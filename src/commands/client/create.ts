// client create: CreateUserPoolClient, optionally saved into a profile (secret included, 0600).
import { CreateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { registerSecret } from '../../aws/redact.js';
import { saveToProfile } from '../profile/save-profile.js';
import { planClientCreate, type ClientCreateFlags } from './create-request.js';
import { clientView } from '../../views/client.js';
import { printClient } from './read.js';

export interface ClientCreateOptions extends ClientCreateFlags {
  saveProfile?: string;
  showSecret?: boolean;
}

export async function createClient(ctx: Context, name: string, options: ClientCreateOptions): Promise<void> {
  const poolId = await ctx.poolId();
  const request = planClientCreate(poolId, name, options);
  if (options.saveProfile) ctx.store.load();
  const idp = await ctx.idp();
  const { UserPoolClient: client } = await idp.send(new CreateUserPoolClientCommand(request as any));
  registerSecret(client?.ClientSecret);
  if (options.saveProfile) {
    saveToProfile(ctx, options.saveProfile, { userPoolId: poolId, clientId: client!.ClientId, clientSecret: client!.ClientSecret }, client?.ClientSecret ? ' (with the client secret)' : '');
  }
  const view = clientView({ ...client!, UserPoolId: poolId }, options);
  if (ctx.out.format === 'text') ctx.out.text(client!.ClientId!);
  else printClient(ctx, view);
  if (client?.ClientSecret && !options.showSecret && !options.saveProfile) {
    ctx.out.note('the client has a secret: `client describe --show-secret` prints it, or use --save-profile');
  }
}
