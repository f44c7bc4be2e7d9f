// mfa code: the current TOTP code of a secret or otpauth URI. Purely local and benchmarked for
// start-up, so this module imports nothing heavy: no AWS SDK, no prompts unless asked.
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { registerSecret } from '../../aws/redact.js';
import { parseOtpauthUri } from '../../auth/otpauth.js';
import { base32Decode } from '../../auth/base32.js';
import { secondsLeft, totp, TOTP_DEFAULTS, type TotpAlgorithm } from '../../auth/totp.js';

export interface CodeOptions {
  secret?: string;
  uri?: string;
  next?: boolean;
}

interface TotpKey {
  secret: Buffer;
  algorithm: TotpAlgorithm;
  digits: number;
  period: number;
}

const SOURCES = '--secret <base32>, --uri <otpauth-uri> or COGNITO_TOTP_SECRET';

export async function printCode(ctx: Context, options: CodeOptions): Promise<void> {
  const key = await resolveKey(ctx, options);
  const now = ctx.now();
  const step = options.next ? 1 : 0;
  const code = totp(key.secret, { ...key, time: now + step * key.period * 1000 });
  // Seconds until the code stops being the current one (for --next: the end of the next window).
  const left = secondsLeft(now, key.period) + step * key.period;
  registerSecret(code);

  if (ctx.out.structured || ctx.out.format === 'csv') {
    ctx.out.record({ code, secondsLeft: left, period: key.period });
    return;
  }
  ctx.out.text(code);
  ctx.out.note(
    options.next
      ? `the next window's code: current in ${left - key.period} s, valid for ${left} s`
      : `valid for ${left} s more (${key.period}-second windows)`,
  );
}

async function resolveKey(ctx: Context, options: CodeOptions): Promise<TotpKey> {
  if (options.secret !== undefined && options.uri !== undefined) {
    throw new UsageError('give either --secret or --uri, not both');
  }
  if (options.uri !== undefined) return fromUri(await orStdin(ctx, options.uri, '--uri'), '--uri');
  if (options.secret !== undefined) return fromSecret(await orStdin(ctx, options.secret, '--secret'), '--secret');
  const env = ctx.env.COGNITO_TOTP_SECRET;
  if (env?.trim()) return fromEither(env, 'COGNITO_TOTP_SECRET');
  if (ctx.prompter.canPrompt) {
    const answer = await ctx.prompter.password('TOTP secret (base32) or otpauth:// URI:', {
      what: 'a TOTP secret',
      flag: '--secret',
      env: 'COGNITO_TOTP_SECRET',
    });
    return fromEither(answer, 'the secret typed');
  }
  throw new UsageError(`a TOTP secret is required: pass ${SOURCES}`, {
    hint: '`--secret -` and `--uri -` read it from stdin',
  });
}

async function orStdin(ctx: Context, value: string, flag: string): Promise<string> {
  if (value !== '-') return value;
  const line = await ctx.stdin.next();
  if (line === undefined || line.trim() === '') throw new UsageError(`${flag} -: stdin was empty`);
  return line;
}

function fromEither(text: string, where: string): TotpKey {
  return /^\s*otpauth:/i.test(text) ? fromUri(text, where) : fromSecret(text, where);
}

function fromSecret(text: string, where: string): TotpKey {
  registerSecret(text.trim());
  try {
    const secret = base32Decode(text.replace(/=+\s*$/, ''));
    if (secret.length === 0) throw new Error('it is empty');
    return { secret, ...TOTP_DEFAULTS };
  } catch (err) {
    throw new UsageError(`${where}: not a base32 TOTP secret: ${(err as Error).message}`, {
      hint: 'a secret looks like JBSWY3DPEHPK3PXP (letters A-Z and digits 2-7); for an otpauth:// URI use --uri',
    });
  }
}

function fromUri(text: string, where: string): TotpKey {
  try {
    const parsed = parseOtpauthUri(text);
    registerSecret(parsed.secret);
    return { secret: base32Decode(parsed.secret), algorithm: parsed.algorithm, digits: parsed.digits, period: parsed.period };
  } catch (err) {
    throw new UsageError(`${where}: ${(err as Error).message}`);
  }
}
