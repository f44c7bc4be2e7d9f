// token client-credentials: an access token for the app client itself (machine to machine).
// GetClientToken when the client allows ALLOW_CLIENT_TOKEN_AUTH, else the client-credentials grant
// at <domain>/oauth2/token with HTTP Basic. Tokens are cached per pool, client and scope set until
// shortly before they expire: Cognito bills each one it issues.
import { join } from 'node:path';
import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { stateDir } from '../../config/paths.js';
import { registerSecret } from '../../aws/redact.js';
import { normaliseScopes, TokenCache, type CacheKey, type CachedToken } from '../../oauth/token-cache.js';
import { expiryOf } from '../../auth/session.js';
import { CLIENT_TOKEN_COLUMNS, clientTokenView } from '../../views/client-token.js';

export interface ClientCredentialsOptions {
  /** Repeatable; each may hold several scopes separated by commas or spaces. */
  scope?: string[];
  format?: 'json' | 'token' | 'header';
  /** false with --no-cache. */
  cache?: boolean;
}

export const CLIENT_TOKEN_FLOW = 'ALLOW_CLIENT_TOKEN_AUTH';

export function tokenCache(ctx: Context): TokenCache {
  return new TokenCache(join(stateDir(ctx.env), 'tokens'), ctx.now);
}

export function parseScopes(values: string[] | undefined): string[] {
  return normaliseScopes((values ?? []).flatMap((v) => v.split(/[\s,]+/)));
}

/** What the client's configuration says before anything is asked: the clear errors come from here. */
export function checkClientForCredentials(client: UserPoolClientType, scopes: string[], secretKnown: boolean): 'GetClientToken' | '/oauth2/token' {
  const id = client.ClientId ?? 'the app client';
  if (!client.ClientSecret && !secretKnown) {
    throw new UsageError(`app client ${id} has no secret: client credentials need a confidential client`, {
      hint: 'create one with `cognito-admin client create <name> --secret --oauth-flows client-credentials --scopes <server>/<scope>`',
    });
  }
  const viaApi = (client.ExplicitAuthFlows ?? []).includes(CLIENT_TOKEN_FLOW as never);
  const viaOAuth = Boolean(client.AllowedOAuthFlowsUserPoolClient) && (client.AllowedOAuthFlows ?? []).includes('client_credentials');
  if (!viaApi && !viaOAuth) {
    throw new UsageError(`app client ${id} allows neither the client-credentials grant nor client-token sign-in`, {
      hint: `\`cognito-admin client update ${id} --oauth-flows client-credentials --scopes <server>/<scope>\` (or \`--add-flow client-token\`)`,
    });
  }
  const allowed = client.AllowedOAuthScopes ?? [];
  const missing = scopes.filter((s) => !allowed.includes(s));
  if (missing.length) {
    throw new UsageError(`app client ${id} may not ask for ${missing.join(', ')}`, {
      code: 'invalid_scope',
      hint: allowed.length ? `its scopes: ${allowed.join(' ')}` : 'it has no scopes: `cognito-admin client update --scopes <server>/<scope>`',
    });
  }
  return viaApi ? 'GetClientToken' : '/oauth2/token';
}

// The SDK is loaded only here: a token from the cache costs no more than a process start.
async function fetchToken(ctx: Context, key: CacheKey): Promise<CachedToken> {
  const [{ describeClientIfAllowed }, { resolveDomain }, { requestToken }] = await Promise.all([
    import('../../aws/describe-client.js'),
    import('../../aws/pool-domain.js'),
    import('../../oauth/endpoints.js'),
  ]);
  const described = await describeClientIfAllowed(ctx, key.poolId, key.clientId);
  const secret = ctx.settings.clientSecret?.value ?? described?.ClientSecret;
  registerSecret(secret);
  const via = described ? checkClientForCredentials(described, key.scopes, Boolean(secret)) : '/oauth2/token';
  if (!secret) {
    throw new UsageError('client credentials need the app client\'s secret, and none is configured', {
      hint: 'set COGNITO_CLIENT_SECRET, or store it with `cognito-admin profile set <name> --client-secret-stdin`',
    });
  }
  const obtainedAt = ctx.now();
  let accessToken: string;
  let tokenType: string;
  let expiresIn: number;
  if (via === 'GetClientToken') {
    const { GetClientTokenCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const { ClientAuthenticationResult: result } = await (await ctx.idp()).send(
      new GetClientTokenCommand({ ClientId: key.clientId, Secret: secret, Scopes: key.scopes.length ? key.scopes : undefined }),
    );
    if (!result?.AccessToken) throw new UsageError('GetClientToken answered without an access token');
    ({ AccessToken: accessToken, TokenType: tokenType = 'Bearer', ExpiresIn: expiresIn = 3600 } = result as { AccessToken: string; TokenType?: string; ExpiresIn?: number });
  } else {
    const domain = await resolveDomain(ctx);
    const answer = await requestToken(
      { baseUrl: domain.url, timeoutMs: ctx.settings.requestTimeoutMs, debug: ctx.settings.debug ? ctx.debug : undefined },
      { clientId: key.clientId, clientSecret: secret },
      { grant_type: 'client_credentials', scope: key.scopes.length ? key.scopes.join(' ') : undefined },
      'the client-credentials grant',
    );
    ({ access_token: accessToken, token_type: tokenType, expires_in: expiresIn } = answer);
  }
  registerSecret(accessToken);
  return {
    version: 1,
    ...key,
    accessToken,
    tokenType,
    expiresAt: expiryOf(accessToken, obtainedAt + expiresIn * 1000),
    obtainedAt,
    via,
  };
}

export async function clientCredentials(ctx: Context, options: ClientCredentialsOptions): Promise<void> {
  const key: CacheKey = {
    poolId: await ctx.poolId(),
    clientId: await ctx.clientId(),
    scopes: parseScopes(options.scope),
    endpoint: ctx.settings.endpoint?.value,
  };
  const cache = tokenCache(ctx);
  let token = options.cache === false ? undefined : cache.get(key);
  const cached = token !== undefined;
  if (token) {
    registerSecret(token.accessToken);
    ctx.debug(`debug: access token from the cache (${cache.file(key)}), no request made`);
  } else {
    token = await fetchToken(ctx, key);
    if (options.cache !== false) cache.put(key, token);
  }

  const view = clientTokenView(token, cached, ctx.now());
  switch (options.format) {
    case 'token':
      ctx.out.text(view.accessToken);
      return;
    case 'header':
      ctx.out.text(`Authorization: Bearer ${view.accessToken}`);
      return;
    case 'json':
      ctx.out.text(JSON.stringify(view, null, 2));
      return;
    default:
      if (ctx.out.structured) {
        ctx.out.record(view);
      } else {
        ctx.out.record(view, CLIENT_TOKEN_COLUMNS);
        ctx.out.note('the token itself: --format token (or header, or json)');
      }
  }
}
