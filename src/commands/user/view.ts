// The table columns of users; the view itself is src/views/user.ts (re-exported here for the
// user commands).
import type { Column } from '../../io/output.js';
import { attributeMap, type UserRecord } from '../../views/user.js';

export { attributeMap, userView, type UserRecord, type UserView } from '../../views/user.js';

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
