// Sign-in and tokens against each emulator, run as the built binary: the password and admin flows,
// the saved session (whoami, refresh, logout) and `token verify` against the emulator's own JWKS.
// What an emulator lacks is skipped for it, and the test's name says why.
import { beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv, emulators, runBin, runJson, type Emulator } from '../support/e2e.js';

type Gap = 'srp' | 'revoke' | 'globalSignOut' | 'wrongPassword';

/** Found by running each command against each emulator. */
const GAPS: Record<Emulator['name'], Partial<Record<Gap, string>>> = {
  'cognito-local': {
    srp: 'cognito-local does not implement USER_SRP_AUTH',
    globalSignOut: 'cognito-local does not implement GlobalSignOut',
    wrongPassword: 'cognito-local answers a wrong password with InvalidPasswordException (exit 2), Cognito with NotAuthorizedException',
  },
  moto: {
    srp: "moto's PASSWORD_VERIFIER names the user by sub in USER_ID_FOR_SRP but looks the answer up by username",
    revoke: 'moto does not implement RevokeToken',
  },
};

const PASSWORD = 'Corr3ct-Horse!battery';

for (const emu of emulators()) {
  const gaps = GAPS[emu.name];
  const unless = (gap: Gap) => it.skipIf(Boolean(gaps[gap]));
  const skipNote = (text: string, gap: Gap) => (gaps[gap] ? `${text} — skipped: ${gaps[gap]}` : text);

  describe.skipIf(!emu.url)(`auth and token on ${emu.name}`, () => {
    let poolId: string;
    let clientId: string;
    const envFor = (extra: Record<string, string | undefined> = {}) => ({
      ...emulatorEnv(emu.url!),
      COGNITO_USER_POOL_ID: poolId,
      COGNITO_CLIENT_ID: clientId,
      ...extra,
    });

    beforeAll(async () => {
      const setup = emulatorEnv(emu.url!);
      const created = await runJson(['pool', 'create', 'e2e-auth', '--with-client', 'web', '--flows', 'srp,password,admin,refresh'], {
        env: setup,
      });
      poolId = created.id;
      clientId = created.client.id;
      const target = ['--pool', poolId];
      for (const name of ['ann', 'bob', 'cy']) {
        await runJson(['user', 'create', name, '--email', `${name}@example.com`, '--invite', 'none', ...target], { env: setup });
        const set = await runBin(['user', 'set-password', name, '--permanent', '--password-stdin', ...target], {
          env: setup,
          stdin: `${PASSWORD}\n`,
        });
        expect(set.code, set.stderr).toBe(0);
      }
    });

    it('password flow (USER_PASSWORD_AUTH): the tokens as JSON, the session saved; whoami and refresh use it', async () => {
      const env = envFor({ COGNITO_PASSWORD: PASSWORD });
      const tokens = await runJson(['auth', 'login', 'ann', '--flow', 'password'], { env });
      expect(Object.keys(tokens)).toEqual(['IdToken', 'AccessToken', 'RefreshToken', 'ExpiresIn', 'TokenType']);

      const me = await runJson(['auth', 'whoami'], { env });
      expect(me).toMatchObject({ username: 'ann', signedInAs: 'ann', poolId, clientId });
      expect(me.attributes.email).toBe('ann@example.com');

      const refreshed = await runJson(['auth', 'refresh'], { env });
      expect(refreshed.AccessToken).toBeTruthy();
      expect(refreshed.RefreshToken).toBe(tokens.RefreshToken);
    });

    it('admin flow (AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH, password from stdin)', async () => {
      const result = await runBin(['auth', 'login', 'bob', '--flow', 'admin', '--password-stdin', '-o', 'table'], {
        env: envFor(),
        stdin: `${PASSWORD}\n`,
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/signed in as\s*│\s*bob/);
      expect(result.stdout).not.toMatch(/eyJ/);
    });

    const wrongName = 'a wrong password fails in both flows, without showing it';
    it(gaps.wrongPassword ? `${wrongName} (exit 4 not checked: ${gaps.wrongPassword})` : `${wrongName}: exit 4`, async () => {
      for (const flow of ['password', 'admin']) {
        const result = await runBin(['auth', 'login', 'ann', '--flow', flow], { env: envFor({ COGNITO_PASSWORD: 'Wr0ng-Passw0rd!zz' }) });
        if (!gaps.wrongPassword) {
          expect(result.code, `${flow}: ${result.stderr}`).toBe(4);
          expect(result.stderr).toMatch(/\(NotAuthorizedException\)/);
        } else {
          expect(result.code).not.toBe(0);
        }
        expect(result.stderr).not.toContain('Wr0ng-Passw0rd!zz');
      }
    });

    unless('srp')(skipNote('srp flow (USER_SRP_AUTH then PASSWORD_VERIFIER)', 'srp'), async () => {
      const result = await runBin(['auth', 'login', 'cy'], { env: envFor({ COGNITO_PASSWORD: PASSWORD }) });
      expect(result.code, result.stderr).toBe(0);
    });

    it(`token verify against ${emu.name}'s JWKS: the id and access tokens pass, a tampered one and another client fail`, async () => {
      const env = envFor({ COGNITO_PASSWORD: PASSWORD });
      const tokens = await runJson(['auth', 'login', 'cy', '--flow', 'password', '--no-save'], { env });
      const id = await runJson(['token', 'verify', tokens.IdToken, '--token-use', 'id'], { env });
      expect(id).toMatchObject({ valid: true, tokenUse: 'id', jwksUri: `${emu.url}/${poolId}/.well-known/jwks.json` });
      const access = await runJson(['token', 'verify', tokens.AccessToken, '--token-use', 'access'], { env });
      expect(access).toMatchObject({ valid: true, tokenUse: 'access' });

      const [h, p, s] = (tokens.IdToken as string).split('.');
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8'));
      const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, email: 'mallory@example.com' })).toString('base64url')}.${s}`;
      const bad = await runBin(['token', 'verify', tampered], { env });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/the token is not valid: the signature does not match/);

      const other = await runBin(['token', 'verify', tokens.IdToken, '--client', 'another-client'], { env });
      expect(other.code).toBe(1);
      expect(other.stderr).toMatch(/issued to client \S+, not to another-client/);
    });

    unless('revoke')(skipNote('logout revokes the refresh token (RevokeToken) and removes the session', 'revoke'), async () => {
      const env = envFor({ COGNITO_PASSWORD: PASSWORD });
      expect((await runBin(['auth', 'login', 'ann', '--flow', 'password'], { env })).code).toBe(0);
      const out = await runJson(['auth', 'logout'], { env });
      expect(out).toEqual({ username: 'ann', signedOut: true, everywhere: false });
      const whoami = await runBin(['auth', 'whoami'], { env });
      expect(whoami.code).toBe(4);
    });

    unless('globalSignOut')(skipNote('logout --everywhere (GlobalSignOut)', 'globalSignOut'), async () => {
      const env = envFor({ COGNITO_PASSWORD: PASSWORD });
      expect((await runBin(['auth', 'login', 'bob', '--flow', 'password'], { env })).code).toBe(0);
      const out = await runJson(['auth', 'logout', '--everywhere'], { env });
      expect(out).toEqual({ username: 'bob', signedOut: true, everywhere: true });
    });
  });
}
