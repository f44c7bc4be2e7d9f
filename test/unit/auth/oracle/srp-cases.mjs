// Inputs for the SRP cross-check against amazon-cognito-identity-js. The same builder feeds the
// live comparison (fresh random bytes each run) and the stored vectors (a seeded stream, so the
// JSON only has to hold the answers). Each index is steered into one "kind" so that every run
// covers the padded-hex corners: high-bit and odd-length hex, leading zero bytes, short and
// oversized B, non-ASCII names, and alias sign-in.
import { createHash } from 'node:crypto';

export const CASE_KINDS = [
  'salt-high-bit',
  'b-high-bit',
  'salt-odd-hex',
  'b-odd-hex',
  'salt-leading-zero-bytes',
  'b-leading-zero-bytes',
  'b-short',
  'b-above-n',
  'unicode',
  'alias',
  'plain',
];

const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);

/** A deterministic byte stream: SHA-256 in counter mode over a seed. */
export function seededBytes(seed) {
  let counter = 0;
  let pool = Buffer.alloc(0);
  return (n) => {
    while (pool.length < n) {
      const block = createHash('sha256').update(`${seed}\u0000${counter++}`).digest();
      pool = Buffer.concat([pool, block]);
    }
    const out = pool.subarray(0, n);
    pool = pool.subarray(n);
    return Buffer.from(out);
  };
}

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'sa-east-1'];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const PRINTABLE = ALNUM + '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ ';
const UNICODE = ['ü', 'ß', 'é', 'Ω', '用', '户', '密', '码', '🙂', '🔑', 'ñ', 'ø'];

function uint(bytes) {
  return bytes(4).readUInt32BE(0);
}
function pick(bytes, alphabet, length) {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[uint(bytes) % alphabet.length];
  return out;
}
function uuid(bytes) {
  const h = bytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
/** Hex as a server would print a BigInteger: no leading zeros, so possibly odd length. */
function bigHex(buf) {
  const hex = buf.toString('hex').replace(/^0+/, '');
  return hex === '' ? '0' : hex;
}
function withHighBit(buf) {
  buf[0] |= 0x80;
  return buf;
}
function withOddHex(buf) {
  buf[0] = (buf[0] & 0x0f) | 0x01;
  return buf;
}
function withLeadingZeroBytes(buf) {
  buf[0] = 0;
  buf[1] = 0;
  return buf;
}

/** One set of sign-in inputs; `bytes(n)` is the randomness (seeded or crypto.randomBytes). */
export function buildSrpCase(bytes, index) {
  const kind = CASE_KINDS[index % CASE_KINDS.length];
  const aHex = bytes(128).toString('hex');

  let salt = bytes(16);
  // Keep the top byte below 0xFF so a random B stays under N unless a kind says otherwise.
  let b = bytes(384);
  b[0] = b[0] % 0xff;
  let srpB;
  let saltHex;
  // Salt and B are written exactly as a server would: leading zeros are significant to nobody,
  // and a value keeps whatever high bit it has.
  if (kind === 'salt-high-bit') salt = withHighBit(salt);
  if (kind === 'salt-odd-hex') salt = withOddHex(salt);
  if (kind === 'b-high-bit') b = withHighBit(b);
  if (kind === 'b-odd-hex') b = withOddHex(b);
  saltHex = bigHex(salt);
  srpB = bigHex(b);
  // Some servers do print leading zero bytes; the client must not hash them.
  if (kind === 'salt-leading-zero-bytes') saltHex = withLeadingZeroBytes(salt).toString('hex');
  if (kind === 'b-leading-zero-bytes') srpB = withLeadingZeroBytes(b).toString('hex');
  if (kind === 'b-short') srpB = bigHex(bytes(1 + (uint(bytes) % 200)));
  if (kind === 'b-above-n') srpB = (N + BigInt(`0x${bytes(8).toString('hex')}`) + 1n).toString(16);

  const poolId = `${REGIONS[uint(bytes) % REGIONS.length]}_${pick(bytes, ALNUM, 9)}`;
  let userIdForSrp = uuid(bytes);
  let username = userIdForSrp;
  let password = pick(bytes, PRINTABLE, 8 + (uint(bytes) % 32));
  if (kind === 'unicode') {
    userIdForSrp = `${pick(bytes, UNICODE, 3)}-${pick(bytes, ALNUM, 6)}`;
    username = userIdForSrp;
    password = `${pick(bytes, UNICODE, 5)}${password}`;
  }
  if (kind === 'alias') username = `${pick(bytes, ALNUM, 8).toLowerCase()}@example.com`;

  const secretBlock = bytes(1 + (uint(bytes) % 1200)).toString('base64');
  // Cycle through every day of the month so single-digit days come up in every run.
  const now = new Date(
    Date.UTC(
      2000 + (uint(bytes) % 100),
      uint(bytes) % 12,
      1 + (index % 28),
      uint(bytes) % 24,
      uint(bytes) % 60,
      uint(bytes) % 60,
    ),
  );
  return { kind, aHex, poolId, username, userIdForSrp, password, srpB, salt: saltHex, secretBlock, now };
}
