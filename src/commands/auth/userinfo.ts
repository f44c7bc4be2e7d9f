// auth userinfo: the signed-in user's claims from the pool's OAuth2 domain
// (GET <domain>/oauth2/userInfo with the session's access token), as an app's back end sees them.
import type { Context } from '../../context.js';
import { activeSession } from './active-session.js';
import { oauthEndpoint } from './browser-session.js';
import { resolveDomain } from '../../aws/pool-domain.js';
import { fetchUserInfo } from '../../oauth/endpoints.js';
import { userInfoView, USER_INFO_COLUMNS } from '../../views/user-info.js';

export async function userInfo(ctx: Context, username: string | undefined): Promise<void> {
  const session = await activeSession(ctx, username);
  // A browser session knows its domain; a session from the user-pool API needs --domain or the pool's.
  const domain = session.oauth?.domain ?? (await resolveDomain(ctx)).url;
  const claims = await fetchUserInfo(oauthEndpoint(ctx, domain), session.accessToken);
  const view = userInfoView(claims);
  if (ctx.out.structured) ctx.out.record(view);
  else ctx.out.record(view, USER_INFO_COLUMNS(view));
}
