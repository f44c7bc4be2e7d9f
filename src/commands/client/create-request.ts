// Turns `client create` flags (also used by `pool create --with-client`) into the
// CreateUserPoolClient request.
import { UsageError } from '../../errors.js';
import { oauthCreateFields, type OAuthFlags } from './oauth-flags.js';

export const FLOWS = ['srp', 'password', 'admin', 'refresh', 'custom', 'user-auth', 'client-token'] as const;
export type Flow = (typeof FLOWS)[number];

const EXPLICIT_FLOW: Record<Flow, string> = {
  srp: 'ALLOW_USER_SRP_AUTH',
  password: 'ALLOW_USER_PASSWORD_AUTH',
  admin: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  refresh: 'ALLOW_REFRESH_TOKEN_AUTH',
  custom: 'ALLOW_CUSTOM_AUTH',
  'user-auth': 'ALLOW_USER_AUTH',
  'client-token': 'ALLOW_CLIENT_TOKEN_AUTH',
};

export function explicitFlow(flow: Flow): string {
  return EXPLICIT_FLOW[flow];
}

export function flowName(explicit: string): string {
  const entry = Object.entries(EXPLICIT_FLOW).find(([, v]) => v === explicit);
  return entry ? entry[0] : explicit;
}

export interface ClientCreateFlags extends OAuthFlags {
  flows?: Flow[];
  secret?: boolean;
  accessTokenValidity?: string;
  idTokenValidity?: string;
  refreshTokenValidity?: string;
}

type Unit = 'seconds' | 'minutes' | 'hours' | 'days';
const UNITS: Record<string, Unit> = { s: 'seconds', m: 'minutes', h: 'hours', d: 'days' };
const SECONDS: Record<Unit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** `90m`, `1h`, `30d` → value and unit as Cognito wants them, checked against its limits. */
export function parseValidity(flag: string, text: string, min: number, max: number): { value: number; unit: Unit } {
  const match = /^(\d+)\s*([smhd])$/.exec(text.trim());
  if (!match) throw new UsageError(`${flag}: "${text}" is not a duration like 60m, 12h or 30d`);
  const value = Number(match[1]);
  const unit = UNITS[match[2]!]!;
  const seconds = value * SECONDS[unit];
  if (seconds < min || seconds > max) {
    throw new UsageError(`${flag}: ${text} is outside Cognito's limits (${describe(min)} to ${describe(max)})`);
  }
  return { value, unit };
}

function describe(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  return `${seconds / 60}m`;
}

/** The token validity fields the flags name, with their units (others are left out). */
export function tokenValidityFields(flags: Pick<ClientCreateFlags, 'accessTokenValidity' | 'idTokenValidity' | 'refreshTokenValidity'>) {
  const fields: { AccessTokenValidity?: number; IdTokenValidity?: number; RefreshTokenValidity?: number; TokenValidityUnits?: Record<string, Unit> } = {};
  const units: Record<string, Unit> = {};
  if (flags.accessTokenValidity) {
    const v = parseValidity('--access-token-validity', flags.accessTokenValidity, 300, 86400);
    fields.AccessTokenValidity = v.value;
    units.AccessToken = v.unit;
  }
  if (flags.idTokenValidity) {
    const v = parseValidity('--id-token-validity', flags.idTokenValidity, 300, 86400);
    fields.IdTokenValidity = v.value;
    units.IdToken = v.unit;
  }
  if (flags.refreshTokenValidity) {
    const v = parseValidity('--refresh-token-validity', flags.refreshTokenValidity, 3600, 3650 * 86400);
    fields.RefreshTokenValidity = v.value;
    units.RefreshToken = v.unit;
  }
  if (Object.keys(units).length) fields.TokenValidityUnits = units;
  return fields;
}

export function checkClientName(name: string): void {
  if (!/^[\w\s+=,.@-]{1,128}$/.test(name)) {
    throw new UsageError(`invalid client name "${name}": 1–128 letters, digits, spaces or + = , . @ -`);
  }
}

export function planClientCreate(poolId: string, name: string, flags: ClientCreateFlags): Record<string, any> {
  checkClientName(name);
  const flows = flags.flows ?? ['srp', 'refresh'];
  const request: Record<string, any> = {
    UserPoolId: poolId,
    ClientName: name,
    GenerateSecret: Boolean(flags.secret),
    ExplicitAuthFlows: flows.map((f) => EXPLICIT_FLOW[f]),
    // Sign-in errors then do not reveal whether a username exists.
    PreventUserExistenceErrors: 'ENABLED',
    EnableTokenRevocation: true,
  };
  Object.assign(request, tokenValidityFields(flags));
  Object.assign(request, oauthCreateFields(flags, request.GenerateSecret));
  return request;
}
