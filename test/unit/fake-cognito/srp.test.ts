// The fake's SRP verifier, checked against clients it shares no code with:
// amazon-cognito-identity-js's CognitoUser.authenticateUser, and the SDK v3 client driven by
// that library's AuthenticationHelper (for app clients with a secret, which the library lacks).
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { startFakeCognito, type FakeCognito } from '../../support/fake-cognito/index.js';
import { N, formatTimestamp, modPow, modPowN, padHex, parseTimestamp } from '../../support/fake-cognito/srp-server.js';
import { randomBytes } from 'node:crypto';
import { identityJs, rejection, sdkClient, srpClient } from './sdk.js';

let server: FakeCognito;
let sdk: CognitoIdentityProviderClient;

beforeAll(async () => {
  server = await startFakeCognito({ region: 'eu-west-1' });
  sdk = sdkClient(server);
});
afterAll(async () => {
  sdk.destroy();
  await server.close();
});

type Outcome = { ok: true; idToken: string; accessToken: string } | { ok: false; error: Error & { code?: string } };

/** Signs in with amazon-cognito-identity-js's SRP implementation against the fake. */
function identityJsSignIn(poolId: string, clientId: string, username: string, password: string): Promise<Outcome> {
  const pool = new identityJs.CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: server.url });
  const user = new identityJs.CognitoUser({ Username: username, Pool: pool });
  const details = new identityJs.AuthenticationDetails({ Username: username, Password: password });
  return new Promise((resolve) => {
    user.authenticateUser(details, {
      onSuccess: (session) =>
        resolve({ ok: true, idToken: session.getIdToken().getJwtToken(), accessToken: session.getAccessToken().getJwtToken() }),
      onFailure: (error) => resolve({ ok: false, error }),
    });
  });
}

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));

describe('SRP group', () => {
  it('is the RFC 3526 / 5054 3072-bit prime, rebuilt from pi', () => {
    // N = 2^3072 - 2^3008 - 1 + 2^64 * (floor(2^2942 * pi) + 1690314), RFC 3526 section 4.
    const guard = 64n;
    const one = 1n << (2942n + guard);
    const arctanInv = (x: bigint) => {
      let sum = 0n;
      let power = one / x;
      for (let k = 0n; power !== 0n; k++) {
        sum += (k % 2n === 0n ? 1n : -1n) * (power / (2n * k + 1n));
        power /= x * x;
      }
      return sum;
    };
    const piScaled = (16n * arctanInv(5n) - 4n * arctanInv(239n)) >> guard;
    const rebuilt = (1n << 3072n) - (1n << 3008n) - 1n + (1n << 64n) * (piScaled + 1690314n);
    expect(rebuilt).toBe(N);
  });

  it('computes modPowN (OpenSSL) exactly as the BigInt modPow', () => {
    for (const base of [2n, 3n, N - 2n, BigInt(`0x${randomBytes(384).toString('hex')}`), 0n, 1n, N - 1n]) {
      const exponent = BigInt(`0x${randomBytes(32).toString('hex')}`);
      expect(modPowN(base, exponent)).toBe(modPow(base, exponent, N));
    }
  });

  it('pads hex the way Cognito does', () => {
    expect(padHex(0x7fn)).toBe('7f');
    expect(padHex(0x80n)).toBe('0080');
    expect(padHex(0xabcn)).toBe('0abc');
    expect(padHex(0x1234n)).toBe('1234');
  });

  it('formats and reads the TIMESTAMP with an unpadded day', () => {
    const date = new Date(Date.UTC(2025, 0, 5, 3, 4, 5));
    expect(formatTimestamp(date)).toBe('Sun Jan 5 03:04:05 UTC 2025');
    expect(parseTimestamp('Sun Jan 5 03:04:05 UTC 2025')?.getTime()).toBe(date.getTime());
    expect(parseTimestamp('Sun Jan 05 03:04:05 UTC 2025')?.getTime()).toBe(date.getTime());
    expect(parseTimestamp('2025-01-05T03:04:05Z')).toBeUndefined();
  });
});

describe('USER_SRP_AUTH with amazon-cognito-identity-js', () => {
  it('signs in with the right password and fails with the wrong one', async () => {
    const pool = server.createPool({ name: 'srp-plain' });
    const { clientId } = server.createClient(pool.id, { flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    server.addUser(pool.id, { username: 'ann', password: 'Correct-horse-1' });

    const good = await identityJsSignIn(pool.id, clientId, 'ann', 'Correct-horse-1');
    expect(good.ok).toBe(true);
    if (good.ok) expect(claims(good.idToken)['cognito:username']).toBe('ann');

    const bad = await identityJsSignIn(pool.id, clientId, 'ann', 'Wrong-horse-1');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('NotAuthorizedException');
      expect(bad.error.message).toBe('Incorrect username or password.');
    }
  });

  it('works for salts that need the 00 prefix and for ones that do not', async () => {
    const pool = server.createPool();
    const { clientId } = server.createClient(pool.id);
    server.addUser(pool.id, { username: 'high', password: 'Pass-word-1', salt: 'f1e2d3c4b5a6978812345678abcdef01' });
    server.addUser(pool.id, { username: 'odd', password: 'Pass-word-1', salt: '1e2d3c4b5a6978812345678abcdef01' });
    expect((await identityJsSignIn(pool.id, clientId, 'high', 'Pass-word-1')).ok).toBe(true);
    expect((await identityJsSignIn(pool.id, clientId, 'odd', 'Pass-word-1')).ok).toBe(true);
  });

  it('signs in by email alias: USER_ID_FOR_SRP is the username, not the alias', async () => {
    const pool = server.createPool({ aliasAttributes: ['email'] });
    const { clientId } = server.createClient(pool.id);
    server.addUser(pool.id, {
      username: 'bob',
      password: 'Alias-pass-1',
      attributes: { email: 'bob@example.com', email_verified: 'true' },
    });
    const good = await identityJsSignIn(pool.id, clientId, 'bob@example.com', 'Alias-pass-1');
    expect(good.ok).toBe(true);
    if (good.ok) expect(claims(good.accessToken).username).toBe('bob');
    const initiate = server.callsTo('InitiateAuth').at(-1)!;
    expect(initiate.body.AuthParameters.USERNAME).toBe('bob@example.com');
    const bad = await identityJsSignIn(pool.id, clientId, 'bob@example.com', 'Alias-pass-2');
    expect(bad.ok).toBe(false);
  });

  it('signs in a pool with email as username, whose internal username is the sub', async () => {
    const pool = server.createPool({ usernameAttributes: ['email'] });
    const { clientId } = server.createClient(pool.id);
    const user = server.addUser(pool.id, { username: 'cy@example.com', password: 'Email-pass-1' });
    expect(user.username).toBe(user.sub);
    expect(user.username).toMatch(/^[0-9a-f-]{36}$/);

    const result = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'cy@example.com', SRP_A: await srpClient(pool.id).A() },
      }),
    );
    expect(result.ChallengeParameters?.USER_ID_FOR_SRP).toBe(user.sub);

    const good = await identityJsSignIn(pool.id, clientId, 'cy@example.com', 'Email-pass-1');
    expect(good.ok).toBe(true);
    if (good.ok) expect(claims(good.idToken).email).toBe('cy@example.com');
    expect((await identityJsSignIn(pool.id, clientId, 'cy@example.com', 'Email-pass-2')).ok).toBe(false);
  });
});

describe('USER_SRP_AUTH through the SDK with a client secret', () => {
  const hash = (secret: string, username: string, clientId: string) =>
    createHmac('sha256', secret).update(username + clientId).digest('base64');

  async function srpSignIn(opts: {
    poolId: string;
    clientId: string;
    secret: string;
    typed: string;
    password: string;
    /** Which name the RespondToAuthChallenge SECRET_HASH is computed over. */
    respondHashOver?: 'internal' | 'typed';
    /** Replaces the TIMESTAMP (signed as given). */
    timestamp?: string;
  }) {
    const client = srpClient(opts.poolId);
    const first = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: opts.clientId,
        AuthParameters: {
          USERNAME: opts.typed,
          SRP_A: await client.A(),
          SECRET_HASH: hash(opts.secret, opts.typed, opts.clientId),
        },
      }),
    );
    expect(first.ChallengeName).toBe('PASSWORD_VERIFIER');
    const p = first.ChallengeParameters!;
    const userId = p.USER_ID_FOR_SRP!;
    const key = await client.key(userId, opts.password, p.SRP_B!, p.SALT!);
    const timestamp = opts.timestamp ?? new identityJs.DateHelper().getNowString();
    const signature = createHmac('sha256', key)
      .update(Buffer.concat([Buffer.from(client.poolName), Buffer.from(userId), Buffer.from(p.SECRET_BLOCK!, 'base64'), Buffer.from(timestamp)]))
      .digest('base64');
    const hashName = opts.respondHashOver === 'typed' ? opts.typed : userId;
    return sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: opts.clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        Session: first.Session,
        ChallengeResponses: {
          USERNAME: userId,
          PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK!,
          PASSWORD_CLAIM_SIGNATURE: signature,
          TIMESTAMP: timestamp,
          SECRET_HASH: hash(opts.secret, hashName, opts.clientId),
        },
      }),
    );
  }

  it('accepts SECRET_HASH over the sub and rejects one over the email the user typed', async () => {
    const pool = server.createPool({ usernameAttributes: ['email'] });
    const { clientId, clientSecret } = server.createClient(pool.id, { secret: true });
    server.addUser(pool.id, { username: 'dee@example.com', password: 'Secret-pass-1' });
    const base = { poolId: pool.id, clientId, secret: clientSecret!, typed: 'dee@example.com', password: 'Secret-pass-1' };

    const ok = await srpSignIn(base);
    expect(ok.AuthenticationResult?.AccessToken).toBeTruthy();

    const wrong = await rejection(srpSignIn({ ...base, respondHashOver: 'typed' }));
    expect(wrong.name).toBe('NotAuthorizedException');
    expect(wrong.message).toBe(`Unable to verify secret hash for client ${clientId}`);

    const badPassword = await rejection(srpSignIn({ ...base, password: 'Secret-pass-2' }));
    expect(badPassword.name).toBe('NotAuthorizedException');
    expect(badPassword.message).toBe('Incorrect username or password.');
  });

  it('requires SECRET_HASH when the client has a secret', async () => {
    const pool = server.createPool();
    const { clientId } = server.createClient(pool.id, { secret: true });
    server.addUser(pool.id, { username: 'eve', password: 'Secret-pass-1' });
    const error = await rejection(
      sdk.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_SRP_AUTH',
          ClientId: clientId,
          AuthParameters: { USERNAME: 'eve', SRP_A: await srpClient(pool.id).A() },
        }),
      ),
    );
    expect(error.name).toBe('NotAuthorizedException');
    expect(error.message).toBe(`Client ${clientId} is configured with secret but SECRET_HASH was not received`);
  });

  it('refuses a signature over a zero-padded day of month', async () => {
    const pool = server.createPool();
    const { clientId, clientSecret } = server.createClient(pool.id, { secret: true });
    server.addUser(pool.id, { username: 'fay', password: 'Secret-pass-1' });
    const base = { poolId: pool.id, clientId, secret: clientSecret!, typed: 'fay', password: 'Secret-pass-1' };
    const now = new Date();
    const padded = formatTimestamp(now).replace(/^(\w{3} \w{3}) (\d) /, '$1 0$2 ');
    const unpaddedDay = now.getUTCDate() < 10;
    if (unpaddedDay) {
      const error = await rejection(srpSignIn({ ...base, timestamp: padded }));
      expect(error.message).toBe('Incorrect username or password.');
    }
    // A wrong weekday is refused on every day of the month.
    const wrongDay = formatTimestamp(now).replace(/^\w{3}/, (d) => (d === 'Mon' ? 'Tue' : 'Mon'));
    expect((await rejection(srpSignIn({ ...base, timestamp: wrongDay }))).name).toBe('NotAuthorizedException');
    expect((await srpSignIn(base)).AuthenticationResult).toBeTruthy();
  });
});
