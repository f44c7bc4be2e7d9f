// auth login --browser: sign in through the pool's managed login (or straight at a federated
// provider with --idp) with the authorization-code grant, PKCE and state, through a loopback
// callback server; then the session is saved like any other sign-in's. This file decides what to
// ask for and answers the protocol code's callbacks (opening the browser, notes); the protocol is
// in src/oauth/.
import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { CliError, UsageError } from '../../errors.js';
import { registerSecret } from '../../aws/redact.js';
import { describeClientIfAllowed } from '../../aws/describe-client.js';
import { resolveDomain } from '../../aws/pool-domain.js';
import { oauthEndpoint } from './browser-session.js';
import { internalUsernameOf } from '../../auth/session.js';
import { saveSession, sessionProfile } from './active-session.js';
import { browserSignIn } from '../../oauth/authorization-code.js';
import { openBrowser } from '../../io/open-browser.js';
import { scopesOf } from '../../oauth/token-scopes.js';
import { parseScopes } from '../token/client-credentials.js';
import { addCallback, planCallback } from './callback-url.js';
import { printSignIn } from './view.js';

export interface BrowserLoginOptions {
  idp?: string;
  scope?: string[];
  port?: number;
  addCallback?: boolean;
  /** false with --no-open. */
  open?: boolean;
  /** Seconds; default 300. */
  timeout?: number;
  /** false with --no-save. */
  save?: boolean;
}

/** Asked for when --scope is not given, as far as the client allows them. */
export const USER_SCOPES = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'];

export function scopesFor(client: UserPoolClientType | undefined, given: string[] | undefined): string[] {
  const asked = parseScopes(given);
  if (asked.length) return asked;
  // Unknown client: leave `scope` out, and Cognito grants all of the client's scopes.
  if (!client) return [];
  const allowed = client.AllowedOAuthScopes ?? [];
  return USER_SCOPES.filter((s) => allowed.includes(s));
}

function checkClient(client: UserPoolClientType, idp: string | undefined): void {
  const id = client.ClientId ?? 'the app client';
  if (!client.AllowedOAuthFlowsUserPoolClient || !(client.AllowedOAuthFlows ?? []).includes('code')) {
    throw new UsageError(`app client ${id} does not allow the authorization-code grant, which browser sign-in needs`, {
      hint: `\`cognito-admin client update ${id} --oauth-flows code --scopes openid,email,profile,aws.cognito.signin.user.admin\``,
    });
  }
  const providers = client.SupportedIdentityProviders ?? [];
  const wanted = idp ?? 'COGNITO';
  if (!providers.includes(wanted)) {
    throw new UsageError(`app client ${id} does not offer sign-in with ${wanted}`, {
      hint: providers.length ? `its identity providers: ${providers.join(', ')}` : `\`cognito-admin client update ${id} --identity-providers ${wanted}\``,
    });
  }
}

/** Ctrl-C aborts the wait, so that what the sign-in changed is undone before the exit (130). */
function interruptible(ctx: Context): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  let presses = 0;
  const onSigint = () => {
    presses++;
    if (presses === 1) controller.abort();
    else ctx.out.warn('finishing the clean-up first');
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, release: () => process.off('SIGINT', onSigint) };
}

export async function browserLogin(ctx: Context, options: BrowserLoginOptions): Promise<void> {
  const poolId = await ctx.poolId();
  const clientId = await ctx.clientId();
  const described = await describeClientIfAllowed(ctx, poolId, clientId);
  if (described) checkClient(described, options.idp);
  const clientSecret = ctx.settings.clientSecret?.value ?? described?.ClientSecret;
  registerSecret(clientSecret);
  const domain = await resolveDomain(ctx);
  const scopes = scopesFor(described, options.scope);
  const callback = planCallback(described, options, (text) => ctx.out.note(text));
  if (!callback.registered && !options.addCallback) {
    throw new UsageError(`app client ${clientId} has no loopback callback URL such as ${callback.url}`, {
      hint: `add it for this sign-in with --add-callback, or for good: \`cognito-admin client update ${clientId} --add-callback-url ${callback.url}\``,
    });
  }

  const { signal, release } = interruptible(ctx);
  let undo: (() => Promise<void>) | undefined;
  try {
    if (!callback.registered) undo = await addCallback(ctx, poolId, clientId, callback.url);
    const { tokens } = await browserSignIn(
      {
        endpoint: oauthEndpoint(ctx, domain.url),
        client: { clientId, clientSecret },
        scopes,
        identityProvider: options.idp,
        port: callback.port,
        callbackPath: callback.path,
        timeoutMs: (options.timeout ?? 300) * 1000,
        signal,
      },
      {
        openBrowser: async (url) => {
          const opened = options.open === false ? 'not asked' : await openBrowser(url, ctx.env);
          // The URL is needed to sign in: it is printed even with --quiet.
          if (opened !== 'opened') {
            ctx.streams.stderr.write(`Open this address in a browser to sign in${opened === 'no-display' ? ' (no display found)' : ''}:\n  ${url}\n`);
          } else {
            ctx.out.note(`opened the sign-in page in a browser; waiting for it (up to ${options.timeout ?? 300} s, Ctrl-C to stop)`);
          }
        },
        note: (text) => ctx.out.note(text),
      },
    );
    for (const token of [tokens.id_token, tokens.access_token, tokens.refresh_token]) registerSecret(token);
    const result = {
      IdToken: tokens.id_token,
      AccessToken: tokens.access_token,
      RefreshToken: tokens.refresh_token,
      ExpiresIn: tokens.expires_in,
      TokenType: tokens.token_type,
    };
    const username = internalUsernameOf(tokens.id_token, tokens.access_token);
    if (!username) throw new CliError('the tokens of the browser sign-in name no user');
    let where = 'not saved (--no-save)';
    if (options.save !== false) {
      const granted = tokens.scope?.split(' ') ?? scopesOf(tokens.access_token) ?? scopes;
      saveSession(ctx, { username, poolId, clientId, result, oauth: { domain: domain.url, scopes: granted } });
      where = `saved (profile ${sessionProfile(ctx)})`;
    }
    printSignIn(ctx, username, result, where);
  } finally {
    release();
    if (undo) {
      await undo().catch((err: Error) =>
        ctx.out.warn(
          `could not remove ${callback.url} from app client ${clientId} (${err.name}): ` +
            `\`cognito-admin client update ${clientId} --remove-callback-url ${callback.url}\` does it`,
        ),
      );
    }
  }
}
