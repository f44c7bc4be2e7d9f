// RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s) and RFC 4648 base32, for software-token MFA.
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Base32 without padding, as Cognito's SecretCode. */
export function base32Encode(data: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = ALPHABET.indexOf(ch);
    if (index < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export const TOTP_PERIOD = 30;

/** HOTP(secret, counter) per RFC 4226 dynamic truncation, 6 digits. */
export function hotp(secret: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

export const timeStep = (nowMs: number) => Math.floor(nowMs / 1000 / TOTP_PERIOD);

export function totpCode(secret: Buffer, nowMs: number): string {
  return hotp(secret, timeStep(nowMs));
}

/** The time step a code matches within ±window steps of now, or undefined. */
export function matchTotp(secret: Buffer, code: string, nowMs: number, window = 1): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const now = timeStep(nowMs);
  for (let step = now - window; step <= now + window; step++) {
    if (hotp(secret, step) === code) return step;
  }
  return undefined;
}
