import { describe, expect, it } from 'vitest';
import { statSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProfileStore } from '../../../src/config/profiles.js';
import { configFilePath, stateDir } from '../../../src/config/paths.js';
import { tempDir } from '../../support/temp-dirs.js';

const fresh = () => new ProfileStore(join(tempDir('profiles-'), 'nested', 'config.json'));

describe('ProfileStore', () => {
  it('creates the file 0600 inside a 0700 folder', () => {
    const store = fresh();
    store.update('dev', { region: 'eu-west-1', clientSecret: 's3cr3t-value' });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(store.path, '..')).mode & 0o777).toBe(0o700);
  });

  it('merges updates, clears a key given as "", and makes the first profile the default', () => {
    const store = fresh();
    store.update('dev', { region: 'eu-west-1', userPoolId: 'eu-west-1_A' });
    store.update('dev', { clientId: 'abc', region: '' });
    store.update('prod', { region: 'us-east-1' });
    const config = store.load();
    expect(config.default).toBe('dev');
    expect(config.profiles.dev).toEqual({ userPoolId: 'eu-west-1_A', clientId: 'abc' });
    store.setDefault('prod');
    expect(store.load().default).toBe('prod');
    store.remove('prod');
    expect(store.load().default).toBeUndefined();
    expect(store.names()).toEqual(['dev']);
  });

  it('names the known profiles when one is unknown', () => {
    const store = fresh();
    store.update('dev', { region: 'eu-west-1' });
    expect(() => store.get('prd')).toThrow(/unknown profile "prd"/);
    try {
      store.get('prd');
    } catch (err) {
      expect((err as { hint: string }).hint).toContain('dev');
      expect((err as { exitCode: number }).exitCode).toBe(2);
    }
  });

  it('refuses an invalid profile name and a broken config file with a usage error', () => {
    const store = fresh();
    expect(() => store.update('has space', {})).toThrow(/invalid profile name/);
    store.update('ok', { region: 'eu-west-1' });
    writeFileSync(store.path, '{ not json');
    expect(() => store.load()).toThrow(/not valid JSON/);
    expect(readFileSync(store.path, 'utf8')).toBe('{ not json'); // left alone
  });
});

describe('paths', () => {
  it('follows COGNITO_ADMIN_CONFIG, then XDG_CONFIG_HOME, then ~/.config', () => {
    expect(configFilePath({ COGNITO_ADMIN_CONFIG: '/x/c.json' })).toBe('/x/c.json');
    expect(configFilePath({ XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/cognito-admin/config.json');
    expect(configFilePath({})).toMatch(/\.config\/cognito-admin\/config\.json$/);
    expect(stateDir({ XDG_STATE_HOME: '/st' })).toBe('/st/cognito-admin');
    expect(stateDir({})).toMatch(/\.local\/state\/cognito-admin$/);
  });
});
