// token decode: what a JWT says about itself — header and claims, readable times, groups and
// scopes — without checking who signed it (stderr says so; `token verify` checks). Offline and
// fast: no AWS SDK, no aws-jwt-verify.
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { decodeJwt, type DecodedJwt } from '../../auth/jwt.js';
import { printClaims, tokenFacts } from './claims.js';
import { tokenFrom } from './source.js';

export async function decodeToken(ctx: Context, given: string | undefined, options: { access?: boolean }): Promise<void> {
  if (options.access && given !== undefined) {
    throw new UsageError('--access picks the saved session\'s access token; it cannot be combined with a token argument');
  }
  const { token, from, session } = await tokenFrom(ctx, given, options.access ? 'access' : 'id');
  let decoded: DecodedJwt;
  try {
    decoded = decodeJwt(token);
  } catch (err) {
    throw new UsageError((err as Error).message, {
      hint: from === 'session' ? 'the saved session is damaged: sign in again' : 'pass the whole token: three base64url parts joined by dots',
    });
  }
  if (session) ctx.out.note(`${options.access ? 'access' : 'id'} token of the saved session of ${session.username}`);
  ctx.out.warn('signature not verified: this is what the token claims (`cognito-admin token verify` checks it)');

  if (ctx.out.structured) {
    ctx.out.record({
      header: decoded.header,
      claims: decoded.payload,
      ...tokenFacts(decoded.payload, ctx.now()),
      signatureVerified: false,
    });
    return;
  }
  if (ctx.out.format !== 'csv') ctx.out.record(decoded.header);
  printClaims(ctx, decoded.payload);
}
