// token verify against a JWKS served on loopback (what --endpoint gives): signature, issuer,
// token_use, client and expiry, the reasons for a refusal, and the JWKS cache.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedEnv, runCli } from '../../../support/cli.js';

const POOL = 'eu-west-1_Verify1';
const CLIENT = 'client-abc';

interface Key {
  kid: string;
  privateKey: KeyObject;
  jwk: object;
}
function makeKey(kid: string): Key {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

let server: Server;
let endpoint: string;
let published: Key[] = [];
let jwksHits = 0;
let jwksStatus = 200;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === `/${POOL}/.well-known/jwks.json`) {
      jwksHits++;
      res.writeHead(jwksStatus, { 'content-type': 'application/json' });
      res.end(jwksStatus === 200 ? JSON.stringify({ keys: published.map((k) => k.jwk) }) : '{}');
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let key: Key;
beforeEach(() => {
  key = makeKey('key-1');
  published = [key];
  jwksHits = 0;
  jwksStatus = 200;
});

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
function signed(payload: object, k: Key = key, header: object = { alg: 'RS256', kid: k.kid }): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), k.privateKey).toString('base64url')}`;
}
const now = () => Math.floor(Date.now() / 1000);
const idClaims = (extra: object = {}) => ({
  sub: 'sub-1',
  iss: `${endpoint}/${POOL}`,
  aud: CLIENT,
  token_use: 'id',
  'cognito:username': 'ann',
  'cognito:groups': ['staff'],
  iat: now() - 10,
  exp: now() + 3600,
  ...extra,
});
const accessClaims = (extra: object = {}) => ({
  sub: 'sub-1',
  iss: `${endpoint}/${POOL}`,
  client_id: CLIENT,
  token_use: 'access',
  scope: 'aws.cognito.signin.user.admin',
  username: 'ann',
  iat: now() - 10,
  exp: now() + 3600,
  ...extra,
});
const verify = (argv: string[], env = isolatedEnv(), stdin?: string) =>
  runCli(['token', 'verify', ...argv, '--endpoint', endpoint, '--pool', POOL], { env, stdin });

describe('token verify', () => {
  it('accepts a valid id token: exit 0, the claims, and what was checked', async () => {
    const result = await verify([signed(idClaims()), '--client', CLIENT, '--token-use', 'id', '-o', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      valid: true,
      checked: ['signature', 'issuer', 'token_use id', `client ${CLIENT}`, 'expiry'],
      jwksUri: `${endpoint}/${POOL}/.well-known/jwks.json`,
      tokenUse: 'id',
      groups: ['staff'],
      claims: { sub: 'sub-1', aud: CLIENT },
    });
  });

  it('checks an access token by client_id (it has no aud), read from stdin', async () => {
    const result = await verify(['-', '--client', CLIENT, '--token-use', 'access', '-o', 'table'], isolatedEnv(), `${signed(accessClaims())}\n`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/✓ valid: signature, issuer, token_use access, client client-abc, expiry/);
    expect(result.stdout).toMatch(/scope \(scopes\)\s*│\s*aws\.cognito\.signin\.user\.admin/);
  });

  it('accepts the AWS-style issuer some emulators (moto) put in tokens, with the endpoint\'s keys', async () => {
    const iss = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`;
    const result = await verify([signed(idClaims({ iss })), '--client', CLIENT]);
    expect(result.code, result.stderr).toBe(0);
  });

  it('without a client to check, says so and still checks the rest', async () => {
    const result = await verify([signed(idClaims()), '-o', 'table']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/the client is not checked: pass --client <id>/);
  });

  it('refuses with exit 1 and the reason: tampered, alg none, expired, wrong client, wrong use, foreign issuer, unknown key', async () => {
    const good = signed(idClaims());
    const [h, , s] = good.split('.');
    const stranger = makeKey('key-x');
    const cases: Array<[string, string, string[], RegExp]> = [
      ['tampered', `${h}.${b64url(idClaims({ 'cognito:groups': ['admins'] }))}.${s}`, [], /the signature does not match the pool's key/],
      ['alg none', `${b64url({ alg: 'none' })}.${b64url(idClaims())}.`, [], /the token is unsigned \(alg "none"\)/],
      ['expired', signed(idClaims({ exp: now() - 80 * 60, iat: now() - 150 * 60 })), [], /the token expired 80 min ago \(at \S+Z\)/],
      ['wrong client', good, ['--client', 'other-client'], /the token was issued to client client-abc, not to other-client/],
      ['wrong use', good, ['--token-use', 'access'], /the token is an id token, not an access token/],
      ['foreign issuer', signed(idClaims({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other' })), [], /issued by https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\/eu-west-1_Other, not by pool eu-west-1_Verify1/],
      ['unknown key', signed(idClaims(), stranger), [], /signed with a key \(kid\) that pool eu-west-1_Verify1 does not publish/],
    ];
    for (const [name, token, extra, reason] of cases) {
      const result = await verify([token, '--client', CLIENT, ...extra, '-o', 'json']);
      expect(result.code, name).toBe(1);
      expect(result.stderr, name).toMatch(reason);
      expect(JSON.parse(result.stdout), name).toEqual({ valid: false, reason: expect.stringMatching(reason) });
    }
  });

  it('keeps the JWKS under the state folder: a second run downloads nothing; a rotated key downloads it again', async () => {
    const env = isolatedEnv();
    expect((await verify([signed(idClaims()), '--client', CLIENT], env)).code).toBe(0);
    expect(jwksHits).toBe(1);
    const cacheDir = join(env.XDG_STATE_HOME!, 'cognito-admin', 'jwks');
    expect(existsSync(cacheDir) && readdirSync(cacheDir)).toHaveLength(1);
    expect((await verify([signed(idClaims()), '--client', CLIENT], env)).code).toBe(0);
    expect(jwksHits).toBe(1);

    // The pool rotates its key: the cached JWKS lacks it, so it is downloaded once more.
    const next = makeKey('key-2');
    published = [key, next];
    const rotated = await verify([signed(idClaims(), next), '--client', CLIENT], env);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(jwksHits).toBe(2);
  });

  it('a JWKS that cannot be read is a failure (exit 1) naming the address, not a verdict on the token', async () => {
    jwksStatus = 404;
    const result = await verify([signed(idClaims()), '--client', CLIENT, '-o', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^error: cannot read the pool's keys from ${endpoint}/${POOL}/\\.well-known/jwks\\.json: .*HTTP 404`, 'm'));
    expect(result.stdout).toBe('');
  });

  it('a malformed token fails before any download', async () => {
    const result = await verify(['abc.def', '--client', CLIENT]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the token is not valid: malformed JWT: expected three dot-separated parts/);
    expect(jwksHits).toBe(0);
  });
});
