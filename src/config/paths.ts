// Where cognito-admin keeps its files, following the XDG base directory convention.
import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Record<string, string | undefined>;

export function configFilePath(env: Env = process.env): string {
  if (env.COGNITO_ADMIN_CONFIG) return env.COGNITO_ADMIN_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'cognito-admin', 'config.json');
}

export function stateDir(env: Env = process.env): string {
  const base = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(base, 'cognito-admin');
}
