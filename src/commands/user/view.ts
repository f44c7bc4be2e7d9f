// How a user looks in output. Cognito returns attributes as a list of {Name, Value}; scripts
// want `.attributes.email`, so JSON output carries them as an object.
import type { Column } from '../../io/output.js';

export interface UserRecord {
  Username?: string;
  UserStatus?: string;
  Enabled?: boolean;
  UserCreateDate?: Date;
  UserLastModifiedDate?: Date;
  /** ListUsers / AdminCreateUser call them Attributes, AdminGetUser UserAttributes. */
  Attributes?: Array<{ Name?: string; Value?: string }>;
  UserAttributes?: Array<{ Name?: string; Value?: string }>;
  PreferredMfaSetting?: string;
  UserMFASettingList?: string[];
}

export interface UserView {
  username: string;
  status?: string;
  enabled?: boolean;
  created?: Date;
  modified?: Date;
  attributes: Record<string, string>;
  mfa?: { preferred?: string; methods: string[] };
}

export function attributeMap(user: UserRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of user.Attributes ?? user.UserAttributes ?? []) {
    if (a.Name !== undefined) out[a.Name] = a.Value ?? '';
  }
  return out;
}

export function userView(user: UserRecord, options: { mfa?: boolean } = {}): UserView {
  const view: UserView = {
    username: user.Username ?? '',
    status: user.UserStatus,
    enabled: user.Enabled,
    created: user.UserCreateDate,
    modified: user.UserLastModifiedDate,
    attributes: attributeMap(user),
  };
  if (options.mfa) {
    view.mfa = {
      // moto answers "" for "none"; an empty string is no preference.
      preferred: user.PreferredMfaSetting || undefined,
      methods: user.UserMFASettingList ?? [],
    };
  }
  return view;
}

/** Columns of `user list`; requested attributes (--attributes) become extra columns. */
export function userColumns(extra: string[] | undefined): Column<UserRecord>[] {
  const attr = (name: string) => (u: UserRecord) => attributeMap(u)[name];
  const columns: Column<UserRecord>[] = [
    { header: 'USERNAME', get: (u) => u.Username },
    { header: 'STATUS', get: (u) => u.UserStatus },
    { header: 'ENABLED', get: (u) => u.Enabled },
  ];
  // With --attributes Cognito returns only what was asked for: an EMAIL column would be empty.
  if (!extra || extra.includes('email')) columns.push({ header: 'EMAIL', get: attr('email') });
  columns.push({ header: 'CREATED', get: (u) => u.UserCreateDate });
  for (const name of extra ?? []) {
    if (name !== 'email') columns.push({ header: name.toUpperCase(), get: attr(name) });
  }
  return columns;
}
