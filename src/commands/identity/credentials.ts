// identity credentials: a signed-in user (or a guest) turned into temporary AWS credentials.
//   enhanced (default): GetId → GetCredentialsForIdentity, both with the id token as the login;
//   basic: GetId → GetOpenIdToken → STS AssumeRoleWithWebIdentity with a role the caller names.
// The credentials are the data this command prints, on stdout; every key and token is registered
// as a secret first, so --debug lines and error messages never show them.
import { GetCredentialsForIdentityCommand, GetIdCommand, GetOpenIdTokenCommand } from '@aws-sdk/client-cognito-identity';
import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { checkRoleArn } from '../role-arn.js';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { registerSecret } from '../../aws/redact.js';
import { POOL_ID } from '../../config/settings.js';
import { decodeJwt } from '../../auth/jwt.js';
import { checkIdentityPoolId, identityClient, stsClient, userPoolProvider } from './common.js';

export const CREDENTIAL_FORMATS = ['json', 'env', 'credential-process'] as const;
export const FLOWS = ['enhanced', 'basic'] as const;

export interface CredentialsOptions {
  guest?: boolean;
  format?: (typeof CREDENTIAL_FORMATS)[number];
  flow?: (typeof FLOWS)[number];
  roleArn?: string;
  idToken?: string;
}

export interface IssuedCredentials {
  IdentityId: string;
  AccessKeyId: string;
  SecretKey: string;
  SessionToken: string;
  Expiration?: Date;
}

export async function identityCredentials(ctx: Context, options: CredentialsOptions): Promise<void> {
  const flow = options.flow ?? 'enhanced';
  checkFlags(options, flow);
  const identityPoolId = checkIdentityPoolId(await ctx.identityPoolId(), '--identity-pool');
  // Clients first: a saved session then lends its user pool to the Context (for a refresh), and
  // the identity pool's region must not follow that pool's.
  const identity = await identityClient(ctx, identityPoolId);
  const sts = flow === 'basic' ? await stsClient(ctx, identityPoolId) : undefined;
  const logins = options.guest ? undefined : await userLogins(ctx, options.idToken);

  const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: logins }));
  const identityId = IdentityId!;

  let issued: IssuedCredentials;
  if (flow === 'enhanced') {
    const r = await identity.send(
      new GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: logins, CustomRoleArn: options.roleArn }),
    );
    issued = {
      IdentityId: r.IdentityId ?? identityId,
      AccessKeyId: r.Credentials?.AccessKeyId ?? '',
      SecretKey: r.Credentials?.SecretKey ?? '',
      SessionToken: r.Credentials?.SessionToken ?? '',
      Expiration: r.Credentials?.Expiration,
    };
  } else {
    const { Token } = await identity.send(new GetOpenIdTokenCommand({ IdentityId: identityId, Logins: logins }));
    registerSecret(Token);
    // AssumeRoleWithWebIdentity is unsigned: the OpenID token is the proof, no AWS credentials needed.
    const r = await sts!.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: options.roleArn!,
        RoleSessionName: `cognito-admin-${ctx.now()}`,
        WebIdentityToken: Token!,
      }),
    );
    issued = {
      IdentityId: identityId,
      AccessKeyId: r.Credentials?.AccessKeyId ?? '',
      SecretKey: r.Credentials?.SecretAccessKey ?? '',
      SessionToken: r.Credentials?.SessionToken ?? '',
      Expiration: r.Credentials?.Expiration,
    };
  }
  for (const secret of [issued.AccessKeyId, issued.SecretKey, issued.SessionToken]) registerSecret(secret);
  print(ctx, issued, options.format);
}

function checkFlags(options: CredentialsOptions, flow: string): void {
  if (options.guest && options.idToken !== undefined) {
    throw new UsageError('--guest and --id-token exclude each other: a guest signs in with nothing');
  }
  if (options.roleArn) checkRoleArn(options.roleArn, '--role-arn');
  if (flow === 'basic' && !options.roleArn) {
    throw new UsageError('--flow basic needs --role-arn <arn>: the role STS AssumeRoleWithWebIdentity assumes');
  }
  if (flow === 'enhanced' && options.roleArn && options.guest) {
    throw new UsageError('--role-arn with the enhanced flow chooses among the roles of a signed-in user’s token', {
      hint: 'for a guest with a role of your choice, use --flow basic --role-arn <arn>',
    });
  }
}

/** `{ "cognito-idp.<user pool region>.amazonaws.com/<poolId>": idToken }` from --id-token or the saved session. */
async function userLogins(ctx: Context, given: string | undefined): Promise<Record<string, string>> {
  if (given !== undefined) {
    const token = given === '-' ? ((await ctx.stdin.next()) ?? '').trim() : given.trim();
    if (!token) throw new UsageError('--id-token - read no token from stdin');
    registerSecret(token);
    const poolId = poolFromIssuer(token) ?? (await ctx.poolId());
    return { [userPoolProvider(poolId, ctx.region()?.value)]: token };
  }
  const { activeSession } = await import('../auth/active-session.js');
  const session = await activeSession(ctx);
  return { [userPoolProvider(session.poolId, session.region ?? ctx.region()?.value)]: session.idToken };
}

/**
 * The user pool that issued an id token, from its `iss` claim (https://cognito-idp.<region>.
 * amazonaws.com/<poolId>, or <endpoint>/<poolId> on an emulator). The signature is not checked:
 * the identity pool does that.
 */
export function poolFromIssuer(token: string): string | undefined {
  let iss: unknown;
  try {
    iss = decodeJwt(token).payload.iss;
  } catch (err) {
    throw new UsageError(`--id-token: ${(err as Error).message}`, {
      hint: 'pass the IdToken of a sign-in, or `-` to read it from stdin',
    });
  }
  if (typeof iss !== 'string') return undefined;
  const last = iss.replace(/\/+$/, '').split('/').pop() ?? '';
  return POOL_ID.test(last) ? last : undefined;
}

function print(ctx: Context, c: IssuedCredentials, format: CredentialsOptions['format']): void {
  const expiration = c.Expiration?.toISOString();
  switch (format) {
    case 'credential-process':
      // Exactly what `credential_process` in an AWS config file must print (Version 1).
      ctx.out.text(
        JSON.stringify({
          Version: 1,
          AccessKeyId: c.AccessKeyId,
          SecretAccessKey: c.SecretKey,
          SessionToken: c.SessionToken,
          ...(expiration ? { Expiration: expiration } : {}),
        }),
      );
      return;
    case 'env':
      ctx.out.text(
        [
          `export AWS_ACCESS_KEY_ID=${shellQuote(c.AccessKeyId)}`,
          `export AWS_SECRET_ACCESS_KEY=${shellQuote(c.SecretKey)}`,
          `export AWS_SESSION_TOKEN=${shellQuote(c.SessionToken)}`,
          `# identity ${c.IdentityId}${expiration ? `, expires ${expiration}` : ''}`,
        ].join('\n'),
      );
      return;
    case 'json':
      ctx.out.text(JSON.stringify({ ...c, Expiration: expiration }, null, 2));
      return;
    default:
      if (ctx.out.format !== 'table') return ctx.out.record({ ...c, Expiration: expiration });
      // On a terminal the summary only: the keys are for scripts, which ask with --format.
      ctx.out.record({ IdentityId: c.IdentityId, AccessKeyId: c.AccessKeyId, Expiration: expiration });
      ctx.out.note('secret key and session token not shown: use --format env, json or credential-process');
  }
}

/** Single quotes when a value holds anything a shell would interpret. */
function shellQuote(value: string): string {
  return /^[\w/+=.,:@-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
