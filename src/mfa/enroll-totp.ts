// TOTP enrolment, shared by `mfa enroll` (with the signed-in user's access token) and by sign-in
// when it meets MFA_SETUP (with the challenge's Session): AssociateSoftwareToken, the otpauth URI
// as a QR code on stderr, the first code, VerifySoftwareToken, and — with an access token —
// SetUserMFAPreference. Scripts get the secret as one JSON line on stdout and answer on stdin.
import { createRequire } from 'node:module';
import type { Context } from '../context.js';
import { CliError, ExitCode, UsageError } from '../errors.js';
import { registerSecret } from '../aws/redact.js';
import { isAwsError } from '../aws/errors.js';
import { buildOtpauthUri } from '../auth/otpauth.js';
import { formatSecretGroups, secondsLeft, totpFromBase32, TOTP_DEFAULTS } from '../auth/totp.js';

export interface EnrollTarget {
  /** The name shown in the authenticator app (the name typed at sign-in). */
  username: string;
  /** Enrol the signed-in user (`mfa enroll`). */
  accessToken?: string;
  /** Enrol during sign-in, on the MFA_SETUP challenge's Session. */
  session?: string;
}

export interface EnrollOptions {
  /** VerifySoftwareToken's FriendlyDeviceName. */
  deviceName?: string;
  /** Compute the first code here (service and test accounts) instead of asking for it. */
  selfVerify?: boolean;
  /** Receives the secret as soon as Cognito returns it (e.g. to keep it for later sign-ins). */
  totpSecretOut?: (secret: string) => void;
  /** The issuer in the otpauth URI; default: the profile's, else the pool name, else "Cognito". */
  issuer?: string;
  /** Codes asked for before giving up; default 3 (Cognito ends an MFA_SETUP session after a few). */
  attempts?: number;
}

const DEFAULT_ATTEMPTS = 3;
const FALLBACK_ISSUER = 'Cognito';

/** Contexts (command runs) in which an enrolment completed, e.g. inside a sign-in's MFA_SETUP. */
const enrolled = new WeakSet<Context>();

/** True when a TOTP enrolment has completed in this command run. */
export function enrolledDuring(ctx: Context): boolean {
  return enrolled.has(ctx);
}

export async function enrollTotp(ctx: Context, target: EnrollTarget, options: EnrollOptions): Promise<{ session?: string }> {
  if (!target.accessToken && !target.session) throw new Error('enrollTotp needs an access token or an MFA_SETUP session');
  const { AssociateSoftwareTokenCommand, VerifySoftwareTokenCommand, SetUserMFAPreferenceCommand } = await import(
    '@aws-sdk/client-cognito-identity-provider'
  );
  const idp = await ctx.idp();

  const associated = await idp.send(
    new AssociateSoftwareTokenCommand(target.accessToken ? { AccessToken: target.accessToken } : { Session: target.session }),
  );
  const secret = associated.SecretCode;
  if (!secret) throw new CliError('AssociateSoftwareToken returned no secret', ExitCode.failed);
  registerSecret(secret);
  // In sign-in, each answer moves the challenge on to a new Session.
  let session = associated.Session ?? target.session;
  options.totpSecretOut?.(secret);

  const issuer = await resolveIssuer(ctx, options.issuer);
  const uri = buildOtpauthUri({ issuer, account: target.username, secret });
  show(ctx, { secret, uri, issuer, account: target.username, selfVerify: options.selfVerify === true });

  const attempts = options.selfVerify ? 1 : (options.attempts ?? DEFAULT_ATTEMPTS);
  let verifiedAt = 0;
  for (let attempt = 1; ; attempt++) {
    const code = options.selfVerify ? totpFromBase32(secret, { time: ctx.now() }) : await askCode(ctx, attempt);
    registerSecret(code);
    if (!/^[0-9]{6}$/.test(code)) {
      wrongCode(ctx, `a code is ${TOTP_DEFAULTS.digits} digits`, attempt, attempts, undefined, target.username);
      continue;
    }
    try {
      const verified = await idp.send(
        new VerifySoftwareTokenCommand({
          ...(target.accessToken ? { AccessToken: target.accessToken } : { Session: session }),
          UserCode: code,
          FriendlyDeviceName: options.deviceName,
        }),
      );
      if (verified.Status === 'ERROR') throw Object.assign(new Error('Code mismatch'), { name: 'CodeMismatchException' });
      session = verified.Session ?? session;
      verifiedAt = ctx.now();
      break;
    } catch (err) {
      if (!isAwsError(err, 'EnableSoftwareTokenMFAException', 'CodeMismatchException')) throw err;
      if (options.selfVerify) {
        throw new CliError('Cognito did not accept the code computed here', ExitCode.failed, {
          code: (err as Error).name,
          cause: err,
          hint: "check this machine's clock: TOTP codes depend on the time (a drift over 30 s fails)",
        });
      }
      wrongCode(ctx, 'that code was not accepted', attempt, attempts, err, target.username);
    }
  }

  if (target.accessToken) {
    await idp.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: target.accessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
  }

  enrolled.add(ctx);
  if (!ctx.settings.quiet) {
    const device = options.deviceName ? ` (device "${options.deviceName}")` : '';
    const what = target.accessToken ? 'enabled and preferred' : 'verified';
    ctx.streams.stderr.write(`${ctx.out.style.green('✓')} TOTP MFA ${what} for ${target.username}${device}\n`);
    if (options.selfVerify) {
      // Cognito accepts each code once: the one just used cannot also sign in.
      const wait = secondsLeft(verifiedAt);
      ctx.out.note(
        `the code of this ${TOTP_DEFAULTS.period}-second window is used up: sign in with the next one ` +
          `(\`cognito-admin mfa code --next\`) or wait ${wait} s`,
      );
    }
  }
  return session && target.session ? { session } : {};
}

/** --issuer, the profile's issuer, the pool's name when the AWS credentials may read it, "Cognito". */
export async function resolveIssuer(ctx: Context, given?: string): Promise<string> {
  if (given?.trim()) return given.trim();
  const fromProfile = ctx.settings.issuer?.value;
  if (fromProfile?.trim()) return fromProfile.trim();
  // Only a pool that is already known: enrolment must not stop to ask for one.
  const poolId = ctx.errorContext().poolId;
  if (poolId) {
    try {
      const { DescribeUserPoolCommand } = await import('@aws-sdk/client-cognito-identity-provider');
      const described = await (await ctx.idp()).send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
      const name = described.UserPool?.Name?.trim();
      if (name) return name;
    } catch (err) {
      ctx.debug(`issuer: could not read the name of pool ${poolId} (${(err as Error).name}); using "${FALLBACK_ISSUER}"`);
    }
  }
  return FALLBACK_ISSUER;
}

// ---- what the person (or script) sees --------------------------------------------------------

function show(
  ctx: Context,
  info: { secret: string; uri: string; issuer: string; account: string; selfVerify: boolean },
): void {
  // Scripts: one line of JSON they can read before writing the code (or keeping the secret).
  if (ctx.out.structured) {
    ctx.out.text(JSON.stringify({ secret: info.secret, uri: info.uri }));
    return;
  }
  const stderr = ctx.streams.stderr;
  if (info.selfVerify) {
    stderr.write(`TOTP secret of ${info.account} (shown once, keep it safe): ${info.secret}\n`);
    return;
  }
  const qr = renderQr(info.uri, { color: ctx.settings.color });
  const columns = stderr.isTTY ? (stderr.columns ?? 80) : 0;
  const room = columns - qr.width - 2;
  const side = [
    'Scan this with an authenticator',
    'app, or type this key into it:',
    '',
    ...formatSecretGroups(info.secret).match(/\S+( \S+){0,3}/g)!.map((l) => `  ${l}`),
  ];
  if (room >= Math.max(...side.map((l) => l.length))) {
    // Side by side keeps the code, the key and the prompt on one 80×24 screen.
    const extras = [`account: ${info.account}`, `issuer:  ${info.issuer}`].filter((l) => l.length <= room);
    if (extras.length) side.push('', ...extras);
    const lines = qr.lines.map((line, i) => (i >= 1 && side[i - 1] ? `${line}  ${side[i - 1]}` : line));
    stderr.write(`${lines.join('\n')}\n`);
  } else {
    stderr.write(`${qr.lines.join('\n')}\n`);
    stderr.write(`Scan it with an authenticator app, or type the key: ${formatSecretGroups(info.secret)}\n`);
  }
  if (stderr.isTTY) {
    const rows = (stderr as { rows?: number }).rows;
    if (columns && columns < qr.width) {
      ctx.out.warn(`the QR code is ${qr.width} columns wide and the terminal ${columns}: widen it, or type the key`);
    } else if (rows && rows < qr.lines.length + 1) {
      ctx.out.warn(`the QR code is ${qr.lines.length} rows high and the terminal ${rows}: enlarge it, or type the key`);
    }
  }
}

export interface RenderedQr {
  lines: string[];
  /** Columns of each line, without colour codes. */
  width: number;
}

type QrTerminal = typeof import('qrcode-terminal');
let qrTerminal: QrTerminal | undefined;

/**
 * The URI as qrcode-terminal's small (half-block) QR code: two modules per character cell, so a
 * Cognito URI fits in about 43×22 cells. With colour, the lines are drawn white on black: the
 * half blocks assume a light foreground on a dark background, and on a light terminal theme an
 * uncoloured code would come out inverted, which many phone scanners cannot read.
 */
export function renderQr(text: string, options: { color: boolean }): RenderedQr {
  qrTerminal ??= createRequire(import.meta.url)('qrcode-terminal') as QrTerminal;
  let drawn = '';
  qrTerminal.generate(text, { small: true }, (out) => (drawn = out));
  const plain = drawn.split('\n').filter((l) => l !== '');
  const width = Math.max(...plain.map((l) => [...l].length));
  const lines = options.color ? plain.map((l) => `\u001b[97;40m${l}\u001b[0m`) : plain;
  return { lines, width };
}

// ---- the first code ----------------------------------------------------------------------------

async function askCode(ctx: Context, attempt: number): Promise<string> {
  const alt = { what: 'the first TOTP code', flag: '--self-verify' };
  if (!ctx.out.structured && ctx.prompter.canPrompt) {
    const answer = await ctx.prompter.input(
      attempt === 1 ? 'Code from the app:' : 'Code from the app (try again):',
      alt,
      { validate: (v) => (/^[0-9]{6}$/.test(v.replace(/\s+/g, '')) ? true : 'enter the 6-digit code the app shows') },
    );
    return answer.replace(/\s+/g, '');
  }
  // -o json, or no terminal: one code per line of stdin, read only now that the secret is out.
  if (ctx.streams.stdin.isTTY) ctx.streams.stderr.write('Code from the app: ');
  const line = await ctx.stdin.next();
  if (line === undefined) {
    throw new UsageError('the first TOTP code is required: stdin ended before a code was read', {
      hint: ctx.out.structured
        ? 'read {"secret","uri"} from stdout, then write the current code (`cognito-admin mfa code --secret …`) to stdin; or pass --self-verify'
        : 'use -o json and write the code to stdin after reading the secret, or pass --self-verify',
    });
  }
  return line.replace(/\s+/g, '');
}

function wrongCode(ctx: Context, why: string, attempt: number, attempts: number, cause: unknown, account: string): void {
  if (attempt >= attempts) {
    throw new CliError(`${why}; gave up after ${attempts} ${attempts === 1 ? 'try' : 'tries'}`, ExitCode.failed, {
      code: (cause as Error | undefined)?.name,
      cause,
      hint: "nothing was enabled: start the enrolment again, and check the phone's clock if codes keep failing",
    });
  }
  ctx.streams.stderr.write(
    `${ctx.out.style.red('✗')} ${why}: enter the code the app shows now for ${account} (try ${attempt + 1} of ${attempts})\n`,
  );
}
