import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reuseUntil, TokenCache, type CacheKey } from '../../../src/oauth/token-cache.js';

let dir: string;
let now: number;
let cache: TokenCache;
const key: CacheKey = { poolId: 'eu-west-1_AbC', clientId: 'client1', scopes: ['orders/write', 'orders/read'] };
const token = (lifetimeS: number) => ({
  accessToken: `token-${lifetimeS}`,
  tokenType: 'Bearer',
  expiresAt: now + lifetimeS * 1000,
  obtainedAt: now,
  via: '/oauth2/token',
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cognito-admin-cache-'));
  now = Date.UTC(2026, 0, 1);
  cache = new TokenCache(join(dir, 'tokens'), () => now);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the machine-to-machine token cache', () => {
  it('hands a token out until five minutes before it expires', () => {
    cache.put(key, token(3600));
    expect(cache.get(key)?.accessToken).toBe('token-3600');
    now += (3600 - 301) * 1000;
    expect(cache.get(key)?.accessToken).toBe('token-3600');
    now += 2000;
    expect(cache.get(key)).toBeUndefined();
  });

  it('a token that lives ten minutes or less is reused for half its life', () => {
    expect(reuseUntil({ obtainedAt: 0, expiresAt: 300_000 })).toBe(150_000);
    expect(reuseUntil({ obtainedAt: 0, expiresAt: 3_600_000 })).toBe(3_300_000);
  });

  it('keys by pool, client and scope set (in any order), and by endpoint', () => {
    cache.put(key, token(3600));
    expect(cache.get({ ...key, scopes: ['orders/read', 'orders/write', 'orders/read'] })?.accessToken).toBe('token-3600');
    expect(cache.get({ ...key, scopes: ['orders/read'] })).toBeUndefined();
    expect(cache.get({ ...key, clientId: 'client2' })).toBeUndefined();
    expect(cache.get({ ...key, poolId: 'eu-west-1_Other' })).toBeUndefined();
    expect(cache.get({ ...key, endpoint: 'http://127.0.0.1:9229' })).toBeUndefined();
  });

  it('writes 0600 files in a 0700 folder, atomically (no temporary file left)', () => {
    cache.put(key, token(3600));
    const files = readdirSync(join(dir, 'tokens'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{32}\.json$/);
    expect(statSync(join(dir, 'tokens', files[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'tokens')).mode & 0o777).toBe(0o700);
  });

  it('a corrupt, truncated or foreign entry is a miss, and the next put replaces it', () => {
    mkdirSync(join(dir, 'tokens'));
    for (const junk of ['{"version":1,"accessTo', 'null', '[]', JSON.stringify({ ...token(3600), version: 1, poolId: 'x', clientId: 'y', scopes: [] })]) {
      writeFileSync(cache.file(key), junk);
      expect(cache.get(key)).toBeUndefined();
    }
    cache.put(key, token(3600));
    expect(cache.get(key)?.accessToken).toBe('token-3600');
  });
});
