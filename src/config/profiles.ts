// The config file: named profiles and which one is the default.
import { existsSync, renameSync } from 'node:fs';
import { basename } from 'node:path';
import { UsageError } from '../errors.js';
import { configFilePath } from './paths.js';
import { readOptionalFile, writePrivateFile } from './private-files.js';

export const PROFILE_KEYS = [
  'region',
  'awsProfile',
  'endpoint',
  'userPoolId',
  'clientId',
  'clientSecret',
  'identityPoolId',
  'issuer',
  'domain',
] as const;
export type ProfileKey = (typeof PROFILE_KEYS)[number];
export type Profile = Partial<Record<ProfileKey, string>>;

export interface ConfigFile {
  default?: string;
  profiles: Record<string, Profile>;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkProfileName(name: string): string {
  if (!NAME.test(name)) {
    throw new UsageError(`invalid profile name "${name}": use letters, digits, '.', '_' or '-' (at most 64)`);
  }
  return name;
}

export class ProfileStore {
  constructor(readonly path: string = configFilePath()) {}

  load(): ConfigFile {
    const text = readOptionalFile(this.path);
    if (text === undefined) return { profiles: {} };
    const parsed = parseConfig(text);
    if (parsed === BROKEN) {
      throw new UsageError(`the config file ${this.path} is not valid JSON`, {
        hint: `fix it, or move it aside and start a new one: \`mv ${this.path} ${this.path}.bak\`, or \`cognito-admin profile init --force\` (keeps it as ${basename(this.path)}.bak)`,
      });
    }
    const config = parsed as Partial<ConfigFile>;
    if (typeof config !== 'object' || config === null || typeof config.profiles !== 'object') {
      return { profiles: {} };
    }
    return { default: config.default, profiles: config.profiles ?? {} };
  }

  /**
   * When the file is not valid JSON, renames it to `<file>.bak` (or `.bak-2`, … : an earlier
   * backup is never overwritten) so that a new one can be written. Returns the backup's path.
   */
  setAsideIfBroken(): string | undefined {
    const text = readOptionalFile(this.path);
    if (text === undefined || parseConfig(text) !== BROKEN) return undefined;
    for (let n = 1; ; n++) {
      const backup = `${this.path}.bak${n === 1 ? '' : `-${n}`}`;
      if (existsSync(backup)) continue;
      renameSync(this.path, backup);
      return backup;
    }
  }

  save(config: ConfigFile): void {
    writePrivateFile(this.path, `${JSON.stringify(config, null, 2)}\n`);
  }

  get(name: string): Profile {
    const profile = this.load().profiles[name];
    if (!profile) throw unknownProfile(name, this);
    return profile;
  }

  names(): string[] {
    return Object.keys(this.load().profiles).sort();
  }

  /** Merges the given values into the profile (creating it); `undefined` leaves a key alone. */
  update(name: string, values: Profile, options: { makeDefault?: boolean } = {}): Profile {
    checkProfileName(name);
    const config = this.load();
    const merged: Profile = { ...config.profiles[name] };
    for (const key of PROFILE_KEYS) {
      const value = values[key];
      if (value === undefined) continue;
      if (value === '') delete merged[key];
      else merged[key] = value;
    }
    config.profiles[name] = merged;
    if (options.makeDefault || !config.default) config.default = name;
    this.save(config);
    return merged;
  }

  setDefault(name: string): void {
    const config = this.load();
    if (!config.profiles[name]) throw unknownProfile(name, this);
    config.default = name;
    this.save(config);
  }

  remove(name: string): void {
    const config = this.load();
    if (!config.profiles[name]) throw unknownProfile(name, this);
    delete config.profiles[name];
    if (config.default === name) delete config.default;
    this.save(config);
  }
}

const BROKEN = Symbol('broken');

function parseConfig(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return BROKEN;
  }
}

function unknownProfile(name: string, store: ProfileStore): UsageError {
  const known = store.names();
  return new UsageError(`unknown profile "${name}"`, {
    hint: known.length
      ? `known profiles: ${known.join(', ')}`
      : 'create one with `cognito-admin profile init` or `cognito-admin profile set <name>`',
  });
}
