import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../src/config/settings.js';
import { ProfileStore } from '../../../src/config/profiles.js';

const tty = { stdinIsTTY: true, stdoutIsTTY: true, stderrIsTTY: true };

describe('the OAuth2 domain setting', () => {
  it('--domain over COGNITO_USER_POOL_DOMAIN over the profile, each with its source', () => {
    const store = new ProfileStore(join(mkdtempSync(join(tmpdir(), 'settings-')), 'config.json'));
    store.update('dev', { domain: 'shop' }, { makeDefault: true });
    expect(resolveSettings({}, {}, store, tty).domain).toEqual({ value: 'shop', source: 'profile', origin: 'profile dev' });
    expect(resolveSettings({}, { COGNITO_USER_POOL_DOMAIN: 'auth.example.com' }, store, tty).domain).toEqual({
      value: 'auth.example.com',
      source: 'env',
      origin: 'COGNITO_USER_POOL_DOMAIN',
    });
    expect(resolveSettings({ domain: 'http://127.0.0.1:1' }, { COGNITO_USER_POOL_DOMAIN: 'x' }, store, tty).domain).toEqual({
      value: 'http://127.0.0.1:1',
      source: 'flag',
      origin: '--domain',
    });
    expect(store.get('dev').domain).toBe('shop');
  });
});
