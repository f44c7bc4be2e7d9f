// Machine-to-machine access tokens kept until shortly before they expire, one 0600 file per
// pool, client and scope set, because Cognito bills every token it issues to an app client.
// Writes are atomic (temp file and rename); an entry that cannot be read is a miss, never an error.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readOptionalFile, writePrivateFile } from '../config/private-files.js';

export interface CachedToken {
  version: 1;
  poolId: string;
  clientId: string;
  /** Sorted; empty means "every scope the client has", as the request left them out. */
  scopes: string[];
  accessToken: string;
  tokenType: string;
  /** ms since the epoch. */
  expiresAt: number;
  obtainedAt: number;
  /** How it was obtained: `GetClientToken` or `/oauth2/token`. */
  via: string;
}

export interface CacheKey {
  poolId: string;
  clientId: string;
  scopes: string[];
  /** An emulator's address, so that its tokens never stand in for AWS's (and the other way). */
  endpoint?: string;
}

/** Reuse stops five minutes before expiry, or half-way through a token that lives ten minutes or less. */
export const REUSE_MARGIN_MS = 5 * 60_000;

export function reuseUntil(token: Pick<CachedToken, 'expiresAt' | 'obtainedAt'>): number {
  const lifetime = token.expiresAt - token.obtainedAt;
  return token.expiresAt - Math.min(REUSE_MARGIN_MS, Math.max(0, lifetime / 2));
}

export function normaliseScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes.map((s) => s.trim()).filter(Boolean))].sort();
}

export class TokenCache {
  constructor(
    readonly dir: string,
    private readonly now: () => number,
  ) {}

  file(key: CacheKey): string {
    const id = JSON.stringify([key.endpoint ?? '', key.poolId, key.clientId, normaliseScopes(key.scopes)]);
    return join(this.dir, `${createHash('sha256').update(id).digest('hex').slice(0, 32)}.json`);
  }

  /** A token for exactly this pool, client and scope set that may still be handed out. */
  get(key: CacheKey): CachedToken | undefined {
    let entry: Partial<CachedToken>;
    try {
      const text = readOptionalFile(this.file(key));
      if (text === undefined) return undefined;
      entry = JSON.parse(text) as Partial<CachedToken>;
    } catch {
      return undefined;
    }
    const scopes = normaliseScopes(key.scopes);
    const valid =
      entry !== null &&
      typeof entry === 'object' &&
      entry.version === 1 &&
      entry.poolId === key.poolId &&
      entry.clientId === key.clientId &&
      Array.isArray(entry.scopes) &&
      entry.scopes.join(' ') === scopes.join(' ') &&
      typeof entry.accessToken === 'string' &&
      entry.accessToken.length > 0 &&
      typeof entry.expiresAt === 'number' &&
      typeof entry.obtainedAt === 'number';
    if (!valid) return undefined;
    const token = entry as CachedToken;
    return reuseUntil(token) > this.now() ? token : undefined;
  }

  put(key: CacheKey, token: Omit<CachedToken, 'version' | 'poolId' | 'clientId' | 'scopes'>): CachedToken {
    const entry: CachedToken = {
      version: 1,
      poolId: key.poolId,
      clientId: key.clientId,
      scopes: normaliseScopes(key.scopes),
      ...token,
    };
    writePrivateFile(this.file(key), `${JSON.stringify(entry, null, 2)}\n`);
    return entry;
  }
}
