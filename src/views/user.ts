// How a user looks in output: the same fields from `user create|get|list`, `group members` and
// the results of user changes. Cognito returns attributes as a list of {Name, Value}; scripts
// want `.attributes.email`, so JSON output carries them as an object.

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
