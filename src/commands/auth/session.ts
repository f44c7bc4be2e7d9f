// auth refresh | logout | whoami: what a saved session can do.
import { GetUserCommand, GlobalSignOutCommand, RevokeTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { AuthError, CliError } from '../../errors.js';
import { isAwsError } from '../../aws/errors.js';
import { registerSecret } from '../../aws/redact.js';
import { decodeJwt } from '../../auth/jwt.js';
import { activeSession, refreshSession, savedSession, sessionProfile, sessionStore } from './active-session.js';
import type { SavedSession } from '../../auth/session-store.js';
import { expiryText, groupsOf, printSignIn } from './view.js';

export async function refresh(ctx: Context, username: string | undefined): Promise<void> {
  const session = savedSession(ctx, username);
  const fresh = await refreshSession(ctx, session);
  printSignIn(
    ctx,
    fresh.username,
    {
      IdToken: fresh.idToken,
      AccessToken: fresh.accessToken,
      RefreshToken: fresh.refreshToken,
      ExpiresIn: Math.max(0, Math.round((fresh.expiresAt - ctx.now()) / 1000)),
      TokenType: 'Bearer',
    },
    `refreshed and saved (profile ${fresh.profile})`,
  );
}

export async function logout(ctx: Context, username: string | undefined, options: { everywhere?: boolean }): Promise<void> {
  const store = sessionStore(ctx);
  const profile = sessionProfile(ctx);
  const saved = store.load(profile, username);
  if (!saved) {
    // Nothing to undo: signing out twice is not an error, so `trap '… auth logout' EXIT` is safe.
    ctx.out.done(username ? `no saved session for ${username}: nothing to sign out` : 'no saved session: nothing to sign out', {
      username: username ?? null,
      signedOut: false,
    });
    return;
  }
  for (const token of [saved.idToken, saved.accessToken, saved.refreshToken]) registerSecret(token);

  if (options.everywhere) {
    let session: SavedSession;
    try {
      session = await activeSession(ctx, saved.username);
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      // The tokens are dead either way: drop them, but say that other devices were not reached.
      store.remove(profile, saved.username);
      throw new AuthError(`the saved session of ${saved.username} can no longer be used, so other devices were not signed out`, {
        hint: `an administrator can sign the user out everywhere: \`cognito-admin user sign-out ${saved.username}\``,
      });
    }
    await (await ctx.idp()).send(new GlobalSignOutCommand({ AccessToken: session.accessToken }));
    store.remove(profile, saved.username);
    ctx.out.done(`signed ${saved.username} out everywhere: every refresh token of the user is revoked`, {
      username: saved.username,
      signedOut: true,
      everywhere: true,
    });
    return;
  }

  if (saved.refreshToken) {
    ctx.usePoolIfUnset(saved.poolId);
    ctx.useClientIfUnset(saved.clientId);
    const secret = await ctx.clientSecret();
    registerSecret(secret);
    let revoked = true;
    if (saved.oauth) {
      // A browser sign-in is revoked at the OAuth2 domain that issued it.
      const { revokeAtDomain } = await import('./browser-session.js');
      revoked = await revokeAtDomain(ctx, saved, saved.oauth.domain, saved.refreshToken);
    } else {
      try {
        await (await ctx.idp()).send(
          new RevokeTokenCommand({ Token: saved.refreshToken, ClientId: saved.clientId, ClientSecret: secret }),
        );
      } catch (err) {
        if (!isAwsError(err, 'UnsupportedOperationException')) throw err;
        revoked = false;
      }
    }
    if (!revoked) {
      ctx.out.warn(
        'the app client does not allow token revocation: the refresh token stays valid until it expires ' +
          '(`auth logout --everywhere` signs the user out on the server)',
      );
    }
  }
  store.remove(profile, saved.username);
  ctx.out.done(`signed ${saved.username} out: the refresh token is revoked and the saved session removed`, {
    username: saved.username,
    signedOut: true,
    everywhere: false,
  });
}

export async function whoami(ctx: Context, username: string | undefined): Promise<void> {
  const session = await activeSession(ctx, username);
  const user = await (await ctx.idp()).send(new GetUserCommand({ AccessToken: session.accessToken }));
  const attributes = Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name ?? '', a.Value ?? '']));
  let id: Record<string, unknown> = {};
  try {
    id = decodeJwt(session.idToken).payload;
  } catch {
    throw new CliError('the saved id token cannot be read; sign in again');
  }
  const view = {
    username: user.Username,
    signedInAs: session.username,
    sub: attributes.sub,
    attributes,
    groups: groupsOf(id),
    mfa: { enabled: user.UserMFASettingList ?? [], preferred: user.PreferredMfaSetting },
    poolId: session.poolId,
    clientId: session.clientId,
    accessTokenExpires: new Date(session.expiresAt).toISOString(),
  };
  if (ctx.out.structured) {
    ctx.out.record(view);
    return;
  }
  const rest = Object.entries(attributes).filter(([k]) => k !== 'sub');
  ctx.out.record(view, [
    { header: 'username', get: (v) => v.username },
    { header: 'signed in as', get: (v) => (v.signedInAs !== v.username ? v.signedInAs : undefined) },
    { header: 'sub', get: (v) => v.sub },
    ...rest.map(([name, value]) => ({ header: name, get: () => value })),
    { header: 'groups', get: (v) => (v.groups.length ? v.groups.join(', ') : '(none)') },
    { header: 'mfa', get: (v) => (v.mfa.enabled.length ? v.mfa.enabled.join(', ') : 'none') },
    { header: 'preferred mfa', get: (v) => v.mfa.preferred },
    { header: 'pool', get: (v) => v.poolId },
    { header: 'client', get: (v) => v.clientId },
    { header: 'access token', get: () => expiryText(session.expiresAt / 1000, ctx.now()) },
  ]);
}
