// Where the token to decode or verify comes from: the argument, stdin ("-"), or the saved
// session. Nothing here loads the AWS SDK: `token decode` must start fast.
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { registerSecret } from '../../aws/redact.js';
import { sessionProfile, sessionStore } from '../auth/active-session.js';
import type { SavedSession } from '../../auth/session-store.js';

export interface TokenSource {
  token: string;
  from: 'argument' | 'stdin' | 'session';
  /** The saved session the token came from (its pool and client are the ones to check against). */
  session?: SavedSession;
}

export async function tokenFrom(ctx: Context, given: string | undefined, which: 'id' | 'access'): Promise<TokenSource> {
  if (given === '-') {
    const line = await ctx.stdin.next();
    const token = line?.trim();
    if (!token) throw new UsageError('expected a token on the first line of stdin, but it is empty');
    registerSecret(token);
    return { token, from: 'stdin' };
  }
  if (given !== undefined) {
    registerSecret(given.trim());
    return { token: given.trim(), from: 'argument' };
  }
  const session = sessionStore(ctx).load(sessionProfile(ctx));
  if (!session) {
    throw new UsageError('no token given and no saved session', {
      hint: 'pass the token (or - to read it from stdin), or sign in first: `cognito-admin auth login <username>`',
    });
  }
  for (const token of [session.idToken, session.accessToken, session.refreshToken]) registerSecret(token);
  const token = which === 'access' ? session.accessToken : session.idToken;
  if (!token) throw new UsageError(`the saved session of ${session.username} holds no ${which} token`);
  return { token, from: 'session', session };
}
