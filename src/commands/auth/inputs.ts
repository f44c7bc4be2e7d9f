// Where a sign-in's answers come from: the password, a new password, MFA codes, a TOTP secret,
// custom-challenge answers, missing attributes and the MFA type. Each has a flag, an environment
// variable or a stdin line, and a prompt on a terminal; without a terminal the prompter turns the
// gap into a usage error naming the flag and the variable.
//
// stdin is read one line at a time, in the order the sign-in needs the answers: the password
// (with --password-stdin), then a new password (only if Cognito asks for one), then whatever was
// given as "-" (--totp-secret -, --mfa-code -, --answer -) when its challenge arrives. A script
// can therefore hold the next line back until it has it (an SMS code, say).
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { capitalise } from '../../io/format.js';
import { registerSecret } from '../../aws/redact.js';
import { base32Decode } from '../../auth/base32.js';
import { TOTP_DEFAULTS, totpFromBase32 } from '../../auth/totp.js';
import type { MfaMethod } from '../../auth/answers.js';

export const PASSWORD_ENV = 'COGNITO_PASSWORD';
export const NEW_PASSWORD_ENV = 'COGNITO_NEW_PASSWORD';
export const TOTP_SECRET_ENV = 'COGNITO_TOTP_SECRET';
export const OTP_CODE_ENV = 'COGNITO_OTP_CODE';

export const MFA_TYPES = { totp: 'SOFTWARE_TOKEN_MFA', sms: 'SMS_MFA', email: 'EMAIL_OTP' } as const;
export type MfaTypeFlag = keyof typeof MFA_TYPES;

export interface SignInInputOptions {
  passwordStdin?: boolean;
  /** A code for the first MFA challenge; "-" reads it from the next stdin line. */
  mfaCode?: string;
  /** Base32 TOTP secret; "-" reads it from the next stdin line. COGNITO_TOTP_SECRET is preferred. */
  totpSecret?: string;
  /** Answers to CUSTOM_CHALLENGE rounds, in order; "-" reads one from stdin. */
  answer?: string[];
  /** `name=value` for attributes NEW_PASSWORD_REQUIRED asks for. */
  attr?: string[];
  mfaType?: MfaTypeFlag;
  /** The one-time sign-in code of a choice-based sign-in; "-" reads it from the next stdin line. */
  otpCode?: string;
}

export interface MfaCode {
  code: string;
  /** True when computed from the TOTP secret (so a used code can be replaced by the next one). */
  computed: boolean;
}

const MFA_WORDS: Record<MfaMethod, string> = {
  SOFTWARE_TOKEN_MFA: 'the code from the authenticator app',
  SMS_MFA: 'the code sent by SMS',
  EMAIL_OTP: 'the code sent by email',
};

export class SignInInputs {
  private mfaCodeUsed = false;
  private totpSecretValue?: string | null;
  private answers: string[];
  private passwordFromStdin = false;

  constructor(
    private readonly ctx: Context,
    private readonly options: SignInInputOptions = {},
  ) {
    this.answers = [...(options.answer ?? [])];
  }

  /** --password-stdin (first line), else COGNITO_PASSWORD, else a masked prompt. */
  async password(username: string): Promise<string> {
    if (this.options.passwordStdin) {
      const line = await this.ctx.stdin.next();
      if (line === undefined || line === '') {
        throw new UsageError('--password-stdin: expected the password on the first line of stdin, but it is empty');
      }
      this.passwordFromStdin = true;
      return secret(line);
    }
    const fromEnv = this.ctx.env[PASSWORD_ENV];
    if (fromEnv) return secret(fromEnv);
    return secret(
      await this.ctx.prompter.password(`Password for ${username}`, {
        flag: '--password-stdin',
        env: PASSWORD_ENV,
        what: 'the password',
      }),
    );
  }

  /**
   * The second stdin line when the password came from stdin, else COGNITO_NEW_PASSWORD, else a
   * masked prompt asked twice.
   */
  async newPassword(username: string, reason?: string): Promise<string> {
    if (this.passwordFromStdin) {
      const line = await this.ctx.stdin.next();
      if (line) return secret(line);
    }
    const fromEnv = this.ctx.env[NEW_PASSWORD_ENV];
    if (fromEnv) return secret(fromEnv);
    const alt = {
      flag: this.options.passwordStdin
        ? 'a second line on stdin (after the password)'
        : '--password-stdin with the new password on its second line',
      env: NEW_PASSWORD_ENV,
      what: reason ? `a new password (${reason})` : 'a new password',
    };
    if (reason && this.ctx.prompter.canPrompt) this.ctx.out.note(`${capitalise(reason)}.`);
    const first = secret(await this.ctx.prompter.password(`New password for ${username}`, alt));
    const second = await this.ctx.prompter.password('Repeat the new password', alt);
    if (first !== second) throw new UsageError('the two passwords differ; nothing was changed');
    return first;
  }

  /** The TOTP secret from --totp-secret (or its stdin line) or COGNITO_TOTP_SECRET, checked as base32. */
  async totpSecret(): Promise<string | undefined> {
    if (this.totpSecretValue !== undefined) return this.totpSecretValue ?? undefined;
    let value = this.options.totpSecret;
    let source = '--totp-secret';
    if (value === '-') {
      value = await this.ctx.stdin.next();
      source = '--totp-secret - (stdin)';
      if (!value) throw new UsageError('--totp-secret -: expected the TOTP secret on the next line of stdin, but there is none');
    } else if (value !== undefined) {
      this.ctx.out.warn(
        `--totp-secret on the command line is visible to other users of this machine (ps, shell history): prefer ${TOTP_SECRET_ENV} or --totp-secret - (stdin)`,
      );
    }
    if (value === undefined && this.ctx.env[TOTP_SECRET_ENV]) {
      value = this.ctx.env[TOTP_SECRET_ENV];
      source = TOTP_SECRET_ENV;
    }
    if (!value) {
      this.totpSecretValue = null;
      return undefined;
    }
    registerSecret(value);
    try {
      if (base32Decode(value).length === 0) throw new Error('empty');
    } catch {
      // The message never repeats the value: it is a secret, however mistyped.
      throw new UsageError(`${source} is not a base32 TOTP secret`, {
        hint: 'use the secret shown at enrolment (letters A–Z and digits 2–7; spaces are ignored)',
      });
    }
    this.totpSecretValue = value;
    return value;
  }

  /** A secret learned during the sign-in (MFA_SETUP), for later TOTP challenges of the same run. */
  rememberTotpSecret(value: string): void {
    registerSecret(value);
    this.totpSecretValue = value;
  }

  /** True when a TOTP code can be computed without asking. */
  async hasTotpSecret(): Promise<boolean> {
    return (await this.totpSecret()) !== undefined;
  }

  /**
   * The code for an MFA challenge: --mfa-code (once), else for TOTP the code computed from the
   * secret, else a prompt.
   */
  async mfaCode(method: MfaMethod, destination?: string): Promise<MfaCode> {
    if (this.options.mfaCode !== undefined && !this.mfaCodeUsed) {
      this.mfaCodeUsed = true;
      let code: string | undefined = this.options.mfaCode;
      if (code === '-') {
        code = await this.ctx.stdin.next();
        if (!code) throw new UsageError('--mfa-code -: expected the code on the next line of stdin, but there is none');
      }
      return { code: secret(code.replace(/\s+/g, '')), computed: false };
    }
    if (method === 'SOFTWARE_TOKEN_MFA') {
      const totpSecret = await this.totpSecret();
      if (totpSecret) return { code: secret(totpFromBase32(totpSecret, { time: this.ctx.now() })), computed: true };
    }
    const where = destination ? ` (sent to ${destination})` : '';
    const alt =
      method === 'SOFTWARE_TOKEN_MFA'
        ? { flag: '--mfa-code', env: TOTP_SECRET_ENV, what: MFA_WORDS[method] }
        : { flag: '--mfa-code', what: `${MFA_WORDS[method]}${where}` };
    const label = method === 'SOFTWARE_TOKEN_MFA' ? 'Code from your authenticator app' : `Code${where}`;
    const code = await this.ctx.prompter.input(label, alt, { validate: (v) => (/^\s*\d[\d\s]*$/.test(v) ? true : 'digits only') });
    return { code: secret(code.replace(/\s+/g, '')), computed: false };
  }

  /**
   * The code of the next 30-second window, from the TOTP secret: Cognito accepts it one window
   * early, and it is the way past a current code that was used already.
   */
  async nextTotpCode(): Promise<string | undefined> {
    const totpSecret = await this.totpSecret();
    if (!totpSecret) return undefined;
    return secret(totpFromBase32(totpSecret, { time: this.ctx.now() + TOTP_DEFAULTS.period * 1000 }));
  }

  /** A one-time sign-in code (EMAIL_OTP / SMS_OTP as the first factor): --otp-code, COGNITO_OTP_CODE, stdin, a prompt. */
  async otpCode(medium: 'email' | 'sms', destination?: string): Promise<string> {
    let code = this.options.otpCode;
    if (code === '-') {
      code = await this.ctx.stdin.next();
      if (!code) throw new UsageError('--otp-code -: expected the code on the next line of stdin, but there is none');
    }
    code ??= this.ctx.env[OTP_CODE_ENV] || undefined;
    if (code === undefined) {
      const where = destination ? ` (sent to ${destination})` : '';
      code = await this.ctx.prompter.input(
        `Sign-in code${where}`,
        { flag: '--otp-code', env: OTP_CODE_ENV, what: `the sign-in code sent by ${medium === 'sms' ? 'SMS' : 'email'}${where}` },
        { validate: (v) => (/^\s*\d[\d\s]*$/.test(v) ? true : 'digits only') },
      );
    }
    return secret(code.replace(/\s+/g, ''));
  }

  /** A first factor among those Cognito offers: a picker on a terminal, else a usage error listing them. */
  async firstFactor(available: string[]): Promise<string> {
    const flag = (c: string) => c.toLowerCase().replace(/_/g, '-');
    const usable = available.filter((c) => c !== 'WEB_AUTHN');
    if (!this.ctx.prompter.canPrompt) {
      throw new UsageError(`choose how to sign in: Cognito offers ${available.map(flag).join(', ')}`, {
        hint: usable.length ? `pass --prefer ${usable.map(flag).join('|')}` : 'this user can sign in only with a passkey: use `auth login --browser`',
      });
    }
    return this.ctx.choose(
      'Sign in with',
      available.map((c) => ({ name: flag(c), value: c, description: FIRST_FACTOR_WORDS[c] })),
      { flag: '--prefer', what: `the first factor (${available.map(flag).join(', ')})` },
    );
  }

  /** The next --answer, else a prompt. */
  async customAnswer(parameters: Record<string, string>): Promise<string> {
    const next = this.answers.shift();
    if (next !== undefined) {
      if (next !== '-') return secret(next);
      const line = await this.ctx.stdin.next();
      if (line === undefined) throw new UsageError('--answer -: expected the answer on the next line of stdin, but there is none');
      return secret(line);
    }
    const shown = Object.keys(parameters).length ? `Answer (${Object.entries(parameters).map(([k, v]) => `${k}=${v}`).join(', ')})` : 'Answer';
    return secret(await this.ctx.prompter.input(shown, { flag: '--answer', what: 'an answer to the custom challenge' }));
  }

  /** A value for an attribute Cognito requires: --attr name=value, else a prompt. */
  async attribute(name: string): Promise<string> {
    const given = this.givenAttributes()[name];
    if (given !== undefined) return given;
    return this.ctx.prompter.input(`Value for the required attribute ${name}`, {
      flag: `--attr ${name}=<value>`,
      what: `the required attribute ${name}`,
    });
  }

  /** Every --attr, as name → value. */
  givenAttributes(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const raw of this.options.attr ?? []) {
      const eq = raw.indexOf('=');
      if (eq <= 0) throw new UsageError(`--attr "${raw}" is not name=value`, { hint: 'e.g. --attr name="Ann Example"' });
      out[raw.slice(0, eq).trim()] = raw.slice(eq + 1);
    }
    return out;
  }

  /** --mfa-type, else the only choice, else TOTP when a secret is at hand, else a picker. */
  async mfaType(choices: MfaMethod[]): Promise<MfaMethod> {
    if (this.options.mfaType) {
      const wanted = MFA_TYPES[this.options.mfaType];
      if (!choices.includes(wanted)) {
        throw new UsageError(`--mfa-type ${this.options.mfaType}: this user can choose only ${describeChoices(choices)}`);
      }
      return wanted;
    }
    if (choices.length === 1) return choices[0]!;
    if (choices.includes('SOFTWARE_TOKEN_MFA') && (await this.hasTotpSecret())) return 'SOFTWARE_TOKEN_MFA';
    return this.ctx.choose(
      'Which second factor?',
      choices.map((c) => ({ name: flagOf(c), value: c, description: MFA_WORDS[c] })),
      { flag: '--mfa-type', what: `the MFA type (${describeChoices(choices)})` },
    );
  }
}

const FIRST_FACTOR_WORDS: Record<string, string> = {
  PASSWORD: 'the password, sent to Cognito',
  PASSWORD_SRP: 'the password, proven by SRP (never sent)',
  EMAIL_OTP: 'a one-time code sent by email',
  SMS_OTP: 'a one-time code sent by SMS',
  WEB_AUTHN: 'a passkey (needs a browser: auth login --browser)',
};

function flagOf(method: MfaMethod): MfaTypeFlag {
  return (Object.keys(MFA_TYPES) as MfaTypeFlag[]).find((k) => MFA_TYPES[k] === method)!;
}

function describeChoices(choices: MfaMethod[]): string {
  return choices.map((c) => (flagOf(c) ?? c)).join(', ');
}

function secret(value: string): string {
  registerSecret(value);
  return value;
}
