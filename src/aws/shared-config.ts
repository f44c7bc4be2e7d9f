// Profile names and regions from the AWS shared config and credentials files, for pickers and
// `doctor`. Reading the INI section names is all we need, so no parser library is loaded.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readOptionalFile } from '../config/private-files.js';

type Env = Record<string, string | undefined>;

export interface AwsProfileInfo {
  name: string;
  region?: string;
  kind: 'sso' | 'assume-role' | 'keys' | 'process' | 'other';
}

export function awsConfigPaths(env: Env = process.env) {
  return {
    config: env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials'),
  };
}

export function parseIniSections(text: string, stripProfilePrefix: boolean): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      let name = header[1]!;
      if (stripProfilePrefix) {
        if (name.startsWith('profile ')) name = name.slice('profile '.length).trim();
        else if (name !== 'default') {
          current = undefined; // sso-session and services sections are not profiles
          continue;
        }
      }
      current = sections.get(name) ?? {};
      sections.set(name, current);
      continue;
    }
    const pair = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (pair && current) current[pair[1]!.trim()] = pair[2]!.trim();
  }
  return sections;
}

export function listAwsProfiles(env: Env = process.env): AwsProfileInfo[] {
  const paths = awsConfigPaths(env);
  const config = parseIniSections(readOptionalFile(paths.config) ?? '', true);
  const credentials = parseIniSections(readOptionalFile(paths.credentials) ?? '', false);
  const names = new Set([...config.keys(), ...credentials.keys()]);
  return [...names].sort().map((name) => {
    const values = { ...credentials.get(name), ...config.get(name) };
    const kind: AwsProfileInfo['kind'] =
      values.sso_session || values.sso_start_url ? 'sso'
      : values.role_arn ? 'assume-role'
      : values.credential_process ? 'process'
      : values.aws_access_key_id ? 'keys'
      : 'other';
    return { name, region: values.region, kind };
  });
}
