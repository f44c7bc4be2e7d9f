// The OAuth settings of an app client (`client create` and `client update` share them): callback
// and logout URLs, OAuth flows, scopes and identity providers, checked together the way Cognito
// checks them, so that a bad combination is exit 2 before anything is sent.
import { UsageError } from '../../errors.js';

export const OAUTH_FLOWS = ['code', 'implicit', 'client-credentials', 'none'] as const;
const OAUTH_FLOW: Record<string, string> = { code: 'code', implicit: 'implicit', 'client-credentials': 'client_credentials' };
const STANDARD_SCOPES = ['openid', 'email', 'profile', 'phone', 'aws.cognito.signin.user.admin'];

export interface OAuthFlags {
  callbackUrl?: string[];
  addCallbackUrl?: string[];
  removeCallbackUrl?: string[];
  logoutUrl?: string[];
  addLogoutUrl?: string[];
  removeLogoutUrl?: string[];
  oauthFlows?: string[];
  scopes?: string[];
  identityProviders?: string[];
}

/** The OAuth fields of a client, as CreateUserPoolClient and UpdateUserPoolClient name them. */
export interface OAuthFields {
  CallbackURLs?: string[];
  LogoutURLs?: string[];
  DefaultRedirectURI?: string;
  AllowedOAuthFlows?: string[];
  AllowedOAuthScopes?: string[];
  AllowedOAuthFlowsUserPoolClient?: boolean;
  SupportedIdentityProviders?: string[];
}

/**
 * The OAuth fields the flags change, given the client's current ones (`{}` for a new client), as a
 * patch: only fields that change are present; `null` removes one. Throws UsageError for what
 * Cognito would refuse.
 */
export function oauthPatch(flags: OAuthFlags, current: OAuthFields, hasSecret: boolean): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const callbacks = editList('callback URL', current.CallbackURLs, flags.callbackUrl, flags.addCallbackUrl, flags.removeCallbackUrl);
  if (callbacks) patch.CallbackURLs = callbacks.length ? callbacks : null;
  const logouts = editList('logout URL', current.LogoutURLs, flags.logoutUrl, flags.addLogoutUrl, flags.removeLogoutUrl);
  if (logouts) patch.LogoutURLs = logouts.length ? logouts : null;
  if (flags.oauthFlows) {
    if (flags.oauthFlows.includes('none')) {
      if (flags.oauthFlows.length > 1) throw new UsageError('--oauth-flows none cannot be combined with other flows');
      patch.AllowedOAuthFlows = null;
      patch.AllowedOAuthFlowsUserPoolClient = false;
    } else {
      patch.AllowedOAuthFlows = flags.oauthFlows.map((f) => OAUTH_FLOW[f]!);
      patch.AllowedOAuthFlowsUserPoolClient = true;
    }
  }
  if (flags.scopes) {
    for (const scope of flags.scopes) {
      if (!STANDARD_SCOPES.includes(scope) && !/^[^\s/]+\/[^\s/]+$/.test(scope)) {
        throw new UsageError(`--scopes: "${scope}" is neither a standard scope (${STANDARD_SCOPES.join(', ')}) nor <resource-server>/<scope>`);
      }
    }
    patch.AllowedOAuthScopes = flags.scopes;
  }
  if (flags.identityProviders) patch.SupportedIdentityProviders = flags.identityProviders;

  const after = { ...current, ...withoutNulls(patch) } as OAuthFields;
  // The default redirect must be one of the callback URLs; a removed one stops being the default.
  if (after.DefaultRedirectURI && !(after.CallbackURLs ?? []).includes(after.DefaultRedirectURI)) patch.DefaultRedirectURI = null;
  checkOAuth(after, hasSecret);
  return patch;
}

/** The OAuth fields of CreateUserPoolClient for a new client. */
export function oauthCreateFields(flags: OAuthFlags, hasSecret: boolean): Record<string, unknown> {
  return Object.fromEntries(Object.entries(oauthPatch(flags, {}, hasSecret)).filter(([, v]) => v !== null));
}

/** What Cognito refuses in a client's OAuth settings, found before sending. */
function checkOAuth(client: OAuthFields, hasSecret: boolean): void {
  const flows = client.AllowedOAuthFlows ?? [];
  if (!flows.length) return;
  const scopes = client.AllowedOAuthScopes ?? [];
  if (!scopes.length) throw new UsageError('OAuth flows need scopes: add --scopes (e.g. openid,email)');
  if (flows.includes('client_credentials')) {
    if (flows.length > 1) throw new UsageError('--oauth-flows client-credentials cannot be combined with code or implicit');
    if (!hasSecret) throw new UsageError('the client-credentials flow needs a client with a secret (`client create --secret`)');
    const standard = scopes.filter((s) => STANDARD_SCOPES.includes(s));
    if (standard.length) {
      throw new UsageError(`the client-credentials flow takes only resource-server scopes, not ${standard.join(', ')}`, {
        hint: '`cognito-admin resource-server list` shows the scopes there are',
      });
    }
    return;
  }
  if (!(client.CallbackURLs ?? []).length) throw new UsageError(`the ${flows.join('/')} flow needs a callback URL: add --callback-url <url>`);
  if (!(client.SupportedIdentityProviders ?? []).length) {
    throw new UsageError(`the ${flows.join('/')} flow needs an identity provider: add --identity-providers COGNITO`);
  }
}

/** A list set, or edited by additions and removals; undefined when no flag names it. */
export function editList(
  what: string,
  current: string[] | undefined,
  set: string[] | undefined,
  add: string[] | undefined,
  remove: string[] | undefined,
  check: (what: string, item: string) => void = checkUrl,
): string[] | undefined {
  if (!set && !add && !remove) return undefined;
  for (const item of [...(set ?? []), ...(add ?? [])]) check(what, item);
  let list = [...(set ?? current ?? [])];
  for (const item of add ?? []) if (!list.includes(item)) list.push(item);
  for (const item of remove ?? []) {
    if (!list.includes(item)) throw new UsageError(`the client has no ${what} ${item} to remove`, { hint: `its ${what}s: ${list.join(', ') || '(none)'}` });
    list = list.filter((i) => i !== item);
  }
  return list;
}

/** Cognito's rule: absolute, no fragment, https except http://localhost; app schemes (myapp://) are fine. */
function checkUrl(what: string, text: string): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${what} "${text}" is not an absolute URL`);
  }
  if (url.hash) throw new UsageError(`${what} "${text}" must not have a #fragment`);
  if (url.protocol === 'http:' && url.hostname !== 'localhost') {
    throw new UsageError(`${what} "${text}" must use https (http is allowed for localhost only)`);
  }
}

function withoutNulls(patch: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v === null ? undefined : v]));
}
