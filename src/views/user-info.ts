// The userInfo endpoint's answer. The OpenID claim names (email_verified, phone_number, …) are a
// standard that scripts look up by name, so they are kept as they are under `claims`; the view's
// own fields are camelCase.
import type { Column } from '../io/output.js';

export interface UserInfoView {
  sub?: string;
  username?: string;
  email?: string;
  /** Every claim the endpoint returned, under its OpenID name. */
  claims: Record<string, unknown>;
}

export function userInfoView(claims: Record<string, unknown>): UserInfoView {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { sub: text(claims.sub), username: text(claims.username), email: text(claims.email), claims };
}

export const USER_INFO_COLUMNS = (view: UserInfoView): Column<UserInfoView>[] =>
  Object.keys(view.claims)
    .sort((a, b) => (a === 'sub' ? -1 : b === 'sub' ? 1 : a.localeCompare(b)))
    .map((name) => ({ header: name, get: (v: UserInfoView) => v.claims[name] }));
