// Secrets never reach a log line or an error message. Two nets: values under known secret
// keys are masked wherever they appear in a request or response, and every secret value the
// tool has handled is registered so that it is scrubbed from any text printed on stderr.

const SECRET_KEYS = new Set(
  [
    'Password', 'TemporaryPassword', 'ProposedPassword', 'PreviousPassword', 'NEW_PASSWORD', 'PASSWORD',
    'SECRET_HASH', 'SecretHash', 'PASSWORD_CLAIM_SIGNATURE', 'PASSWORD_CLAIM_SECRET_BLOCK', 'SECRET_BLOCK',
    'SRP_A', 'SRP_B', 'SALT', 'SecretCode', 'UserCode', 'SOFTWARE_TOKEN_MFA_CODE', 'SMS_MFA_CODE', 'EMAIL_OTP_CODE',
    'SMS_CODE', 'ANSWER', 'ConfirmationCode', 'Code', 'AccessToken', 'IdToken', 'RefreshToken', 'Token',
    'Session', 'ClientSecret', 'ClientSecretValue', 'client_secret', 'SecretKey', 'SessionToken', 'secretAccessKey', 'sessionToken', 'Logins',
    'REFRESH_TOKEN', 'DEVICE_KEY', 'AccessKeyId', 'accessKeyId', 'PreSignedUrl', 'WebIdentityToken', 'clientSecret', 'secret', 'password',
    // OAuth2 form and JSON fields (RFC 6749, RFC 7636).
    'access_token', 'id_token', 'refresh_token', 'code_verifier',
  ].map((k) => k.toLowerCase()),
);

export const MASK = '****';

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

/** A deep copy with secret values masked; the input is left alone. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = isSecretKey(key) && v !== undefined && v !== null ? MASK : redact(v, depth + 1);
  }
  return out;
}

const known = new Set<string>();

/** Remembers a secret value so that `scrub` removes it from any text. Short values are skipped. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) known.add(value);
}

export function scrub(text: string): string {
  let out = text;
  for (const secret of known) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  // JWTs and presigned query strings are recognisable even when we never saw them.
  out = out.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, MASK);
  out = out.replace(/(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s"]+/gi, `$1${MASK}`);
  return out;
}
