// RFC 4648 base32 (the alphabet TOTP secrets are written in). Decoding is forgiving about the
// ways people copy a secret — lower case, spaces or line breaks between groups, no "=" padding —
// and strict about anything else, so a mistyped secret fails here instead of producing codes
// that never match.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// Lower case is listed explicitly rather than with toUpperCase(), which would also let through
// look-alikes such as "ı" (dotless i) or "ſ" (long s).
const VALUES = new Map<string, number>([...ALPHABET].flatMap((c, i) => [[c, i], [c.toLowerCase(), i]] as const));

/** Canonical upper-case base32 with "=" padding to a multiple of 8 characters. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

// A final group of 8 characters can only end after 2, 4, 5 or 7 characters (1-4 bytes).
const VALID_PARTIAL_LENGTHS = new Set([0, 2, 4, 5, 7]);

export function base32Decode(text: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  const unpadded = compact.replace(/=+$/, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < unpadded.length; i++) {
    const char = unpadded[i]!;
    const value = VALUES.get(char);
    if (value === undefined) {
      const what = char === '=' ? '"=" padding before the end' : `character ${JSON.stringify(char)}`;
      throw new Error(`invalid base32: ${what} at position ${i + 1} (allowed: A-Z and 2-7)`);
    }
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if (!VALID_PARTIAL_LENGTHS.has(unpadded.length % 8)) {
    throw new Error(`invalid base32: ${unpadded.length} characters cannot encode whole bytes (a character is missing or extra)`);
  }
  return Buffer.from(bytes);
}
