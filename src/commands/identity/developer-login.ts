// identity developer-login: what a back end does for developer-authenticated identities —
// GetOpenIdTokenForDeveloperIdentity, signed with AWS credentials. The OpenID token is the data
// this prints, so it goes to stdout; it is registered as a secret so no log or error shows it.
import { GetOpenIdTokenForDeveloperIdentityCommand } from '@aws-sdk/client-cognito-identity';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { registerSecret } from '../../aws/redact.js';
import { checkDeveloperProvider, checkIdentityPoolId, identityClient } from './common.js';

export interface DeveloperLoginOptions {
  provider: string;
  login: string;
  duration?: number;
  identityId?: string;
}

// GetOpenIdTokenForDeveloperIdentity accepts 1 second to 24 hours.
const MAX_DURATION = 86_400;

export async function developerLogin(ctx: Context, id: string, options: DeveloperLoginOptions): Promise<void> {
  const poolId = checkIdentityPoolId(id);
  checkDeveloperProvider(options.provider, '--provider');
  if (!options.login) throw new UsageError('--login must not be empty');
  if (options.duration !== undefined && options.duration > MAX_DURATION) {
    throw new UsageError(`--duration ${options.duration} is too long: at most ${MAX_DURATION} seconds (24 h)`);
  }
  const identity = await identityClient(ctx, poolId);
  const r = await identity.send(
    new GetOpenIdTokenForDeveloperIdentityCommand({
      IdentityPoolId: poolId,
      IdentityId: options.identityId,
      Logins: { [options.provider]: options.login },
      TokenDuration: options.duration,
    }),
  );
  registerSecret(r.Token);
  ctx.out.record({ IdentityId: r.IdentityId, Token: r.Token });
}
