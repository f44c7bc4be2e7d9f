// Saved sign-ins: one 0600 file per profile and username under
// $XDG_STATE_HOME/cognito-admin/sessions/, plus a small pointer to the profile's current user,
// so `auth`, `mfa`, `token` and `identity` commands work without pasting tokens around.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readOptionalFile, writePrivateFile } from '../config/private-files.js';

export interface SavedSession {
  version: 1;
  profile: string;
  /** The name typed at sign-in (may be an email or phone alias). */
  username: string;
  /** Cognito's own username (cognito:username): what SECRET_HASH is computed over. */
  internalUsername: string;
  poolId: string;
  clientId: string;
  region?: string;
  endpoint?: string;
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  /** When the access token expires, in ms since the epoch. */
  expiresAt: number;
  obtainedAt: number;
  /** Set for a browser sign-in: its OAuth2 domain, where refresh and revocation go, and the scopes granted. */
  oauth?: { domain: string; scopes: string[] };
}

/**
 * A device Cognito tracks for this user, kept beside the session (and kept across `auth logout`,
 * as an app keeps its remembered device): the key, the group key, and the secret whose verifier
 * Cognito holds.
 */
export interface SavedDevice {
  version: 1;
  poolId: string;
  key: string;
  groupKey: string;
  secret: string;
  /** Remembered (skips MFA where the pool allows) rather than only tracked. */
  remembered: boolean;
  name?: string;
  confirmedAt: number;
}

/** Profile name used for sessions when no cognito-admin profile is selected. */
export const NO_PROFILE = 'default';

export class SessionStore {
  constructor(readonly dir: string) {}

  private file(profile: string, username: string): string {
    return join(this.dir, `${safe(profile)}--${safe(username)}.json`);
  }

  private pointer(profile: string): string {
    return join(this.dir, `${safe(profile)}.current`);
  }

  private deviceFile(profile: string, username: string): string {
    return join(this.dir, `${safe(profile)}--${safe(username)}.device`);
  }

  saveDevice(profile: string, username: string, device: SavedDevice): void {
    writePrivateFile(this.deviceFile(profile, username), `${JSON.stringify(device, null, 2)}\n`);
  }

  /** The user's device in this pool, if one is saved. */
  loadDevice(profile: string, username: string, poolId: string): SavedDevice | undefined {
    const text = readOptionalFile(this.deviceFile(profile, username));
    if (!text) return undefined;
    try {
      const parsed = JSON.parse(text) as SavedDevice;
      return parsed.version === 1 && parsed.poolId === poolId && parsed.key && parsed.secret ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  removeDevice(profile: string, username: string): void {
    rmSync(this.deviceFile(profile, username), { force: true });
  }

  save(session: SavedSession): void {
    writePrivateFile(this.file(session.profile, session.username), `${JSON.stringify(session, null, 2)}\n`);
    writePrivateFile(this.pointer(session.profile), `${session.username}\n`);
  }

  /** The named user's session of this profile, or the profile's current one. */
  load(profile: string, username?: string): SavedSession | undefined {
    const name = username ?? readOptionalFile(this.pointer(profile))?.trim();
    if (!name) return undefined;
    const text = readOptionalFile(this.file(profile, name));
    if (!text) return undefined;
    try {
      const parsed = JSON.parse(text) as SavedSession;
      return parsed.version === 1 ? parsed : undefined;
    } catch {
      return undefined; // a damaged session is as good as none: sign in again
    }
  }

  remove(profile: string, username: string): void {
    rmSync(this.file(profile, username), { force: true });
    if (readOptionalFile(this.pointer(profile))?.trim() === username) rmSync(this.pointer(profile), { force: true });
  }

  /** Usernames with a saved session for this profile. */
  list(profile: string): string[] {
    const prefix = `${safe(profile)}--`;
    let entries: string[];
    try {
      entries = readdirSync(this.dir);
    } catch {
      return [];
    }
    return entries
      .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
      .map((f) => decodeURIComponent(f.slice(prefix.length, -'.json'.length)))
      .sort();
  }
}

/** File-name safe and reversible: usernames may be emails or phone numbers. */
function safe(text: string): string {
  return encodeURIComponent(text).replace(/\./g, '%2E');
}
