// What a user can sign in with (AdminGetUserAuthFactors): first factors and MFA.
import type { Column } from '../io/output.js';

export interface AuthFactorsRecord {
  Username?: string;
  PreferredMfaSetting?: string;
  UserMFASettingList?: string[];
  ConfiguredUserAuthFactors?: string[];
}

export interface AuthFactorsView {
  username: string;
  /** PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN, SOFTWARE_TOKEN. */
  factors: string[];
  mfa: { preferred?: string; methods: string[] };
}

export function authFactorsView(r: AuthFactorsRecord): AuthFactorsView {
  return {
    username: r.Username ?? '',
    factors: r.ConfiguredUserAuthFactors ?? [],
    mfa: { preferred: r.PreferredMfaSetting || undefined, methods: r.UserMFASettingList ?? [] },
  };
}

export const AUTH_FACTORS_FIELDS: Column<AuthFactorsView>[] = [
  { header: 'username', get: (v) => v.username },
  { header: 'sign-in factors', get: (v) => (v.factors.length ? v.factors.join(', ') : '(none)') },
  { header: 'mfa', get: (v) => (v.mfa.methods.length ? v.mfa.methods.join(', ') : 'none') },
  { header: 'preferred mfa', get: (v) => v.mfa.preferred },
];
