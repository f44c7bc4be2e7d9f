// What a sign-in may ask for, and what it may tell: the challenge loop calls these and knows
// nothing of terminals, stdin, flags or environment variables. The command layer answers them
// (src/commands/auth/answers.ts); a test passes a plain object.

/** The second factors the MFA challenges name. */
export type MfaMethod = 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP';

/**
 * Which code is asked for: a second factor (`totp`, `sms`, `email`), or a one-time code that is
 * the first factor of a choice-based sign-in (`email-otp`, `sms-otp`).
 */
export type CodeKind = 'totp' | 'sms' | 'email' | 'email-otp' | 'sms-otp';

export interface CodeAnswer {
  code: string;
  /** True when computed from a TOTP secret (so a used code can be replaced by the next window's). */
  computed?: boolean;
}

export interface SignInAnswers {
  password(username: string): Promise<string>;
  /** A new password (NEW_PASSWORD_REQUIRED), with values for the attributes Cognito requires. */
  newPassword(username: string, required: string[]): Promise<{ password: string; attributes: Record<string, string> }>;
  code(kind: CodeKind, destination?: string): Promise<CodeAnswer>;
  /** The next TOTP window's code, when codes are computed; undefined otherwise. */
  nextTotpCode(): Promise<string | undefined>;
  /** One of `available`: an MFA method (SELECT_MFA_TYPE) or a first factor (SELECT_CHALLENGE). */
  choose(what: 'mfa' | 'challenge', available: string[]): Promise<string>;
  customAnswer(parameters: Record<string, string>): Promise<string>;
  /** Enrols a TOTP authenticator on the MFA_SETUP challenge's Session; returns the Session that follows. */
  setUpTotp(request: { username: string; session?: string }): Promise<{ session?: string }>;
}

/** What a sign-in reports on its way: notes for the person, debug lines for --debug. */
export interface SignInNotes {
  note(text: string): void;
  debug(text: string): void;
}

export const SILENT: SignInNotes = { note: () => {}, debug: () => {} };
