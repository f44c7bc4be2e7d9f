import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { regionFromPoolId, resolveSettings, checkPoolId } from '../../../src/config/settings.js';
import { ProfileStore } from '../../../src/config/profiles.js';
import { tempDir } from '../../support/temp-dirs.js';

const tty = { stdinIsTTY: true, stdoutIsTTY: true, stderrIsTTY: true };
const piped = { stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false };

function store(profiles: Record<string, Record<string, string>> = {}, def?: string) {
  const s = new ProfileStore(join(tempDir('settings-'), 'config.json'));
  for (const [name, values] of Object.entries(profiles)) s.update(name, values, { makeDefault: name === def });
  return s;
}

describe('resolveSettings', () => {
  it('takes a flag over the environment over the profile, and says where each came from', () => {
    const s = store({ dev: { region: 'eu-central-1', userPoolId: 'eu-central-1_Prof', clientId: 'profclient' } }, 'dev');
    const fromProfile = resolveSettings({}, {}, s, tty);
    expect(fromProfile.region).toEqual({ value: 'eu-central-1', source: 'profile', origin: 'profile dev' });
    expect(fromProfile.poolId?.value).toBe('eu-central-1_Prof');
    expect(fromProfile.profileName).toMatchObject({ value: 'dev', source: 'default' });

    const fromEnv = resolveSettings({}, { AWS_REGION: 'us-west-2', COGNITO_CLIENT_ID: 'envclient' }, s, tty);
    expect(fromEnv.region).toEqual({ value: 'us-west-2', source: 'env', origin: 'AWS_REGION' });
    expect(fromEnv.clientId).toEqual({ value: 'envclient', source: 'env', origin: 'COGNITO_CLIENT_ID' });

    const fromFlag = resolveSettings({ region: 'ap-south-1', client: 'flagclient' }, { AWS_REGION: 'us-west-2' }, s, tty);
    expect(fromFlag.region).toEqual({ value: 'ap-south-1', source: 'flag', origin: '--region' });
    expect(fromFlag.clientId?.value).toBe('flagclient');
  });

  it('prefers AWS_REGION over AWS_DEFAULT_REGION and the service endpoint over the generic one', () => {
    const s = resolveSettings(
      {},
      {
        AWS_DEFAULT_REGION: 'eu-west-2',
        AWS_REGION: 'eu-west-3',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:1111',
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://127.0.0.1:2222',
      },
      store(),
      tty,
    );
    expect(s.region?.value).toBe('eu-west-3');
    expect(s.endpoint?.value).toBe('http://127.0.0.1:2222');
    expect(s.identityEndpoint?.value).toBe('http://127.0.0.1:1111');
  });

  it('selects a named profile from the flag or COGNITO_ADMIN_PROFILE and rejects an unknown one', () => {
    const s = store({ a: { region: 'eu-west-1' }, b: { region: 'us-east-2' } }, 'a');
    expect(resolveSettings({}, { COGNITO_ADMIN_PROFILE: 'b' }, s, tty).region?.value).toBe('us-east-2');
    expect(resolveSettings({ profile: 'a' }, { COGNITO_ADMIN_PROFILE: 'b' }, s, tty).region?.value).toBe('eu-west-1');
    expect(() => resolveSettings({ profile: 'nope' }, {}, s, tty)).toThrow(/unknown profile "nope"/);
  });

  it('picks the output format from flags, else table on a terminal and json when piped', () => {
    expect(resolveSettings({}, {}, store(), tty).output).toBe('table');
    expect(resolveSettings({}, {}, store(), piped).output).toBe('json');
    expect(resolveSettings({ json: true }, {}, store(), tty).output).toBe('json');
    expect(resolveSettings({ output: 'ndjson' }, {}, store(), tty).output).toBe('ndjson');
    expect(() => resolveSettings({ output: 'yaml' }, {}, store(), tty)).toThrow(/unknown output format/);
  });

  it('never prompts with --no-input, CI, or without a terminal', () => {
    expect(resolveSettings({}, {}, store(), tty).noInput).toBe(false);
    expect(resolveSettings({ input: false }, {}, store(), tty).noInput).toBe(true);
    expect(resolveSettings({}, { CI: 'true' }, store(), tty).noInput).toBe(true);
    expect(resolveSettings({}, { CI: 'false' }, store(), tty).noInput).toBe(false);
    expect(resolveSettings({}, {}, store(), { ...tty, stdinIsTTY: false }).noInput).toBe(true);
  });

  it('turns colour off for --no-color, NO_COLOR and a piped stderr', () => {
    expect(resolveSettings({}, {}, store(), tty).color).toBe(true);
    expect(resolveSettings({ color: false }, {}, store(), tty).color).toBe(false);
    expect(resolveSettings({}, { NO_COLOR: '' }, store(), tty).color).toBe(false);
    expect(resolveSettings({}, {}, store(), piped).color).toBe(false);
  });

  it('rejects a malformed pool id or endpoint before anything is sent', () => {
    expect(() => resolveSettings({ pool: 'not a pool' }, {}, store(), tty)).toThrow(/invalid user pool id "not a pool" \(from --pool\)/);
    expect(() => resolveSettings({}, { COGNITO_USER_POOL_ID: 'x' }, store(), tty)).toThrow(/from COGNITO_USER_POOL_ID/);
    expect(() => resolveSettings({ endpoint: 'nope' }, {}, store(), tty)).toThrow(/invalid endpoint/);
    expect(() => resolveSettings({ endpoint: 'ftp://127.0.0.1' }, {}, store(), tty)).toThrow(/only http and https/);
  });
});

describe('pool ids', () => {
  it('derives the region from the prefix, and nothing from emulator prefixes', () => {
    expect(regionFromPoolId('eu-west-1_AbC')).toBe('eu-west-1');
    expect(regionFromPoolId('us-gov-west-1_AbC')).toBe('us-gov-west-1');
    expect(regionFromPoolId('local_AbC')).toBeUndefined();
    expect(checkPoolId('eu-west-1_AbC123')).toBe('eu-west-1_AbC123');
    expect(() => checkPoolId('eu-west-1')).toThrow(/invalid user pool id/);
  });
});
