// token verify: checks a token as a resource server would — signature against the pool's JWKS,
// issuer, token_use, client (aud for id tokens, client_id for access tokens, which carry no aud)
// and expiry — with aws-jwt-verify. Exit 0 and the claims when valid; exit 1 and the reason when not.
//
// Against AWS the pool id gives everything (CognitoJwtVerifier). With --endpoint the JWKS is read
// from <endpoint>/<poolId>/.well-known/jwks.json and the issuer is <endpoint>/<poolId>, or the
// AWS-style issuer some emulators (moto) put in their tokens.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Context } from '../../context.js';
import { CliError, ExitCode } from '../../errors.js';
import { registerSecret } from '../../aws/redact.js';
import { stateDir } from '../../config/paths.js';
import { readOptionalFile, writePrivateFile } from '../../config/private-files.js';
import { regionFromPoolId } from '../../config/settings.js';
import { decodeJwt, describeExpiry } from '../../auth/jwt.js';
import { printClaims, tokenFacts } from './claims.js';
import { tokenFrom } from './source.js';

export interface VerifyOptions {
  tokenUse?: 'id' | 'access';
}

/** A JWKS read from disk is trusted this long; a key it lacks makes a fresh download anyway. */
const JWKS_CACHE_MS = 60 * 60 * 1000;

export async function verifyToken(ctx: Context, given: string | undefined, options: VerifyOptions): Promise<void> {
  const { token, session } = await tokenFrom(ctx, given, options.tokenUse === 'access' ? 'access' : 'id');
  registerSecret(token);
  if (session) {
    ctx.usePoolIfUnset(session.poolId);
    ctx.useClientIfUnset(session.clientId);
  }
  const tokenUse = options.tokenUse ?? null;
  const clientId = ctx.settings.clientId?.value ?? session?.clientId ?? null;

  // Checked before any download: a token that cannot be read, or that is unsigned, fails here.
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    ({ header, payload } = decodeJwt(token));
  } catch (err) {
    return invalid(ctx, (err as Error).message);
  }
  if (typeof header.alg !== 'string' || header.alg.toLowerCase() === 'none') {
    return invalid(ctx, 'the token is unsigned (alg "none"); Cognito signs every token with RS256');
  }
  if (header.alg !== 'RS256') {
    return invalid(ctx, `the token is signed with ${header.alg}; Cognito signs every token with RS256`);
  }

  const poolId = await ctx.poolId();
  const endpoint = ctx.settings.endpoint?.value.replace(/\/+$/, '');
  const region = regionFromPoolId(poolId) ?? ctx.region()?.value;
  const awsIssuer = region ? `https://cognito-idp.${region}.amazonaws.com/${poolId}` : undefined;
  const issuers = endpoint ? [`${endpoint}/${poolId}`, ...(awsIssuer ? [awsIssuer] : [])] : [awsIssuer];
  const jwksUri = endpoint ? `${endpoint}/${poolId}/.well-known/jwks.json` : `${awsIssuer}/.well-known/jwks.json`;
  if (!endpoint && !awsIssuer) {
    throw new CliError(`cannot tell the region of pool ${poolId}: pass --region`, ExitCode.usage);
  }

  const checks = [
    'signature',
    'issuer',
    tokenUse ? `token_use ${tokenUse}` : `token_use (${String(payload.token_use)})`,
    clientId ? `client ${clientId}` : undefined,
    'expiry',
  ].filter(Boolean);
  if (!clientId) ctx.out.note('the client is not checked: pass --client <id> (or COGNITO_CLIENT_ID) to check it');

  const lib = await import('aws-jwt-verify');
  const { SimpleJwksCache } = await import('aws-jwt-verify/jwk');
  const { validateCognitoJwtFields } = await import('aws-jwt-verify/cognito-verifier');
  const errors = await import('aws-jwt-verify/error');

  const verifyOnce = async (useDisk: boolean) => {
    const fetcher = new JwksFetcher(ctx, useDisk);
    const jwksCache = new SimpleJwksCache({ fetcher });
    if (endpoint) {
      const verifier = lib.JwtRsaVerifier.create(
        issuers.map((issuer) => ({
          issuer: issuer!,
          jwksUri,
          audience: null,
          customJwtCheck: ({ payload: p }: { payload: Record<string, unknown> }) =>
            validateCognitoJwtFields(p as never, { tokenUse, clientId }),
        })) as never,
        { jwksCache },
      ) as unknown as { verify(jwt: string): Promise<Record<string, unknown>> };
      return await verifier.verify(token);
    }
    const verifier = lib.CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse, clientId }, { jwksCache });
    return (await verifier.verify(token)) as Record<string, unknown>;
  };

  let claims: Record<string, unknown>;
  try {
    claims = await verifyOnce(true).catch((err: Error) => {
      // A key the cached JWKS lacks may be a rotated one: download the JWKS once more.
      if (err instanceof errors.KidNotFoundInJwksError) return verifyOnce(false);
      throw err;
    });
  } catch (err) {
    const e = err as Error;
    if (e instanceof errors.FetchError) {
      throw new CliError(`cannot read the pool's keys from ${jwksUri}: ${e.message}`, ExitCode.failed, {
        hint: endpoint
          ? 'is the emulator running, and does it serve a JWKS for this pool? (check --endpoint and --pool)'
          : 'check the pool id and the region, and the network',
      });
    }
    return invalid(ctx, reason(errorKind(e, errors), e, payload, { poolId, issuers: issuers as string[], clientId, tokenUse }, ctx.now()));
  }

  if (ctx.out.structured) {
    ctx.out.record({ valid: true, checked: checks, jwksUri, ...tokenFacts(claims, ctx.now()), claims });
    return;
  }
  printClaims(ctx, claims);
  ctx.out.note(`${ctx.out.style.green('✓')} valid: ${checks.join(', ')} (keys from ${jwksUri})`);
}

/** Exit 1 with the reason; -o json also gets it on stdout as {"valid": false, "reason"}. */
function invalid(ctx: Context, why: string): never {
  if (ctx.out.structured) ctx.out.record({ valid: false, reason: why });
  throw new CliError(`the token is not valid: ${why}`, ExitCode.failed);
}

type ErrorModule = typeof import('aws-jwt-verify/error');

/** aws-jwt-verify's errors do not set `name`: the class says which check failed. */
function errorKind(err: Error, errors: ErrorModule): string {
  const kinds: Array<[string, abstract new (...args: never[]) => Error]> = [
    ['expired', errors.JwtExpiredError],
    ['notBefore', errors.JwtNotBeforeError],
    ['signature', errors.JwtInvalidSignatureError],
    ['algorithm', errors.JwtInvalidSignatureAlgorithmError],
    ['kid', errors.KidNotFoundInJwksError],
    ['kid', errors.JwtWithoutValidKidError],
    ['issuer', errors.JwtInvalidIssuerError],
    ['client', errors.CognitoJwtInvalidClientIdError],
    ['tokenUse', errors.CognitoJwtInvalidTokenUseError],
    ['parse', errors.JwtParseError],
    ['parameter', errors.ParameterValidationError],
  ];
  return kinds.find(([, type]) => err instanceof type)?.[0] ?? 'other';
}

function reason(
  kind: string,
  err: Error,
  payload: Record<string, unknown>,
  expected: { poolId: string; issuers: string[]; clientId: string | null; tokenUse: string | null },
  nowMs: number,
): string {
  switch (kind) {
    case 'expired':
      return typeof payload.exp === 'number'
        ? `the token ${describeExpiry(payload.exp, nowMs)} (at ${new Date(payload.exp * 1000).toISOString()})`
        : 'the token has expired';
    case 'notBefore':
      return 'the token is not valid yet (nbf is in the future)';
    case 'signature':
      return "the signature does not match the pool's key: the token was altered, or signed by someone else";
    case 'algorithm':
      return err.message;
    case 'kid':
      return `the token was signed with a key (kid) that pool ${expected.poolId} does not publish`;
    case 'issuer':
    case 'parameter':
      if (/issuer/i.test(err.message)) {
        return `the token was issued by ${String(payload.iss)}, not by pool ${expected.poolId} (${expected.issuers.join(' or ')})`;
      }
      return err.message;
    case 'client':
      return `the token was issued to client ${String(payload.token_use === 'id' ? payload.aud : payload.client_id)}, not to ${expected.clientId}`;
    case 'tokenUse':
      return expected.tokenUse
        ? `the token is ${article(String(payload.token_use))} ${String(payload.token_use)} token, not ${article(expected.tokenUse)} ${expected.tokenUse} token`
        : `token_use is ${String(payload.token_use)}, neither id nor access`;
    case 'parse':
      return `malformed JWT: ${err.message}`;
    default:
      return err.message;
  }
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/**
 * Downloads a JWKS over http or https (emulators speak http, which aws-jwt-verify's own fetcher
 * refuses) within the request time-out, and keeps a copy under the state folder so that verifying
 * in a loop does not download the keys every time.
 */
class JwksFetcher {
  private served = new Set<string>();

  constructor(
    private readonly ctx: Context,
    private readonly useDisk: boolean,
  ) {}

  private file(uri: string): string {
    return join(stateDir(this.ctx.env), 'jwks', `${createHash('sha256').update(uri).digest('hex').slice(0, 32)}.json`);
  }

  async fetch(uri: string): Promise<ArrayBuffer> {
    if (this.useDisk && !this.served.has(uri)) {
      this.served.add(uri);
      const cached = this.readCache(uri);
      if (cached) {
        this.ctx.debug(`debug: JWKS of ${uri} from the cache`);
        return cached;
      }
    }
    this.ctx.debug(`debug: GET ${uri}`);
    const { FetchError, NonRetryableFetchError } = await import('aws-jwt-verify/error');
    let response: Response;
    try {
      response = await fetch(uri, { signal: AbortSignal.timeout(this.ctx.settings.requestTimeoutMs) });
    } catch (err) {
      const cause = (err as Error & { cause?: Error }).cause;
      throw new FetchError(uri, cause?.message ?? (err as Error).message);
    }
    if (response.status !== 200) {
      throw new NonRetryableFetchError(uri, `HTTP ${response.status}, expected 200`);
    }
    const body = await response.arrayBuffer();
    try {
      writePrivateFile(
        this.file(uri),
        JSON.stringify({ uri, fetchedAt: this.ctx.now(), jwks: JSON.parse(Buffer.from(body).toString('utf8')) }),
      );
    } catch {
      // A cache that cannot be written only costs a download next time.
    }
    return body;
  }

  private readCache(uri: string): ArrayBuffer | undefined {
    try {
      const text = readOptionalFile(this.file(uri));
      if (!text) return undefined;
      const entry = JSON.parse(text) as { uri: string; fetchedAt: number; jwks: unknown };
      if (entry.uri !== uri || this.ctx.now() - entry.fetchedAt > JWKS_CACHE_MS || entry.fetchedAt > this.ctx.now()) return undefined;
      const buf = Buffer.from(JSON.stringify(entry.jwks), 'utf8');
      return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    } catch {
      return undefined;
    }
  }
}
