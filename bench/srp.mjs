// `npm run bench:srp`: CPU cost of the client side of one SRP sign-in (A, then the password
// claim) in our src/auth/srp.ts against amazon-cognito-identity-js on the same inputs (same a,
// B, salt, secret block), in one run. Iterations alternate between the two so machine noise hits
// both alike. CPU time (process.cpuUsage), not wall time: this is pure computation.
//
//   BENCH_SRP_ITERATIONS=30 node bench/srp.mjs      (default 20; the SDK takes ~0.4 s each)
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { bigIntModPow, nativeModPowFor } from '../dist/auth/modpow.js';
import { SRP_N, passwordClaim, srpModPowRoute, startSrp } from '../dist/auth/srp.js';

const iterations = Number(process.env.BENCH_SRP_ITERATIONS ?? 20);
const require = createRequire(import.meta.url);
const sdkRequire = createRequire(require.resolve('amazon-cognito-identity-js'));
const AuthenticationHelper = require('amazon-cognito-identity-js/lib/AuthenticationHelper.js').default;
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default;
const DateHelper = require('amazon-cognito-identity-js/lib/DateHelper.js').default;
const { Sha256 } = sdkRequire('@aws-crypto/sha256-js');
const sdkVersion = require('amazon-cognito-identity-js/package.json').version;

const cpuMs = (fn) => {
  const start = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(start);
  return [(used.user + used.system) / 1000, result];
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

/** Inputs of one sign-in, as InitiateAuth would hand them to the client. */
function makeInputs() {
  const b = randomBytes(384);
  b[0] = 0x80 | (b[0] % 0x7f); // a full-size B below N
  return {
    aBytes: randomBytes(128),
    poolId: 'eu-west-1_BenchPool1',
    userIdForSrp: '8a3c1f9e-4b2d-4e6f-9a1b-2c3d4e5f6a7b',
    password: 'Correct-Horse-Battery-9!',
    srpB: b.toString('hex'),
    salt: randomBytes(16).toString('hex'),
    secretBlock: randomBytes(700).toString('base64'),
  };
}

function ours(input) {
  const state = startSrp(() => input.aBytes);
  const claim = passwordClaim({ ...input, state });
  return { srpA: state.srpA, ...claim };
}

// What amazon-cognito-identity-js's CognitoUser does for USER_SRP_AUTH (authenticateUserDefaultAuth):
// a new AuthenticationHelper (which computes A), the HKDF key, then the claim signature.
function theirs(input) {
  const proto = AuthenticationHelper.prototype;
  const draw = proto.generateRandomSmallA;
  proto.generateRandomSmallA = () => new BigInteger(input.aBytes.toString('hex'), 16);
  let helper;
  try {
    helper = new AuthenticationHelper(input.poolId.split('_')[1]);
  } finally {
    proto.generateRandomSmallA = draw;
  }
  let srpA;
  helper.getLargeAValue((err, A) => {
    if (err) throw err;
    srpA = A.toString(16);
  });
  let out;
  helper.getPasswordAuthenticationKey(
    input.userIdForSrp,
    input.password,
    new BigInteger(input.srpB, 16),
    new BigInteger(input.salt, 16),
    (err, hkdf) => {
      if (err) throw err;
      const timestamp = new DateHelper().getNowString();
      const hmac = new Sha256(hkdf);
      hmac.update(
        Buffer.concat([
          Buffer.from(input.poolId.split('_')[1], 'utf8'),
          Buffer.from(input.userIdForSrp, 'utf8'),
          Buffer.from(input.secretBlock, 'base64'),
          Buffer.from(timestamp, 'utf8'),
        ]),
      );
      out = { srpA, signature: Buffer.from(hmac.digestSync()).toString('base64'), timestamp };
    },
  );
  return out;
}

// The first sign-in of a process also picks the modPow route (creating OpenSSL's DH object and
// self-testing it); the CLI signs in once per process, so this is the number a user feels.
const [firstMs] = cpuMs(() => ours(makeInputs()));

const oursMs = [];
const theirsMs = [];
let mismatches = 0;
const all = Array.from({ length: iterations + 2 }, makeInputs);
for (const [i, input] of all.entries()) {
  const [t1, a] = cpuMs(() => ours(input));
  const [t2, b] = cpuMs(() => theirs(input));
  // Same inputs must give the same answer (unless the clock ticked between the two timestamps).
  if (a.srpA !== b.srpA || (a.timestamp === b.timestamp && a.signature !== b.signature)) mismatches++;
  if (i < 2) continue; // warm-up for both JITs
  oursMs.push(t1);
  theirsMs.push(t2);
}
if (mismatches > 0) {
  console.error(`srp: ${mismatches} of ${all.length} sign-ins differ from amazon-cognito-identity-js — results are wrong`);
  process.exit(1);
}

// The modPow routes on their own: 3072-bit modulus, 1024-bit exponent (the size of a and of
// a + u·x), which is what dominates a sign-in.
const base = BigInt(`0x${randomBytes(384).toString('hex')}`) % SRP_N;
const exponent = BigInt(`0x${randomBytes(128).toString('hex')}`);
const native = nativeModPowFor(SRP_N, 2n);
const powRounds = 10;
const bigintPow = [];
const nativePow = [];
for (let i = 0; i < powRounds; i++) {
  bigintPow.push(cpuMs(() => bigIntModPow(base, exponent, SRP_N))[0]);
  if (native) nativePow.push(cpuMs(() => native(base, exponent))[0]);
}

const ratio = median(oursMs) / median(theirsMs);
console.log(`srp: ${iterations} sign-ins each, same a/B/salt/secret block, CPU time; modPow route: ${srpModPowRoute()}`);
console.log(`srp: ours median ${fmt(median(oursMs))} ms, mean ${fmt(mean(oursMs))} ms; amazon-cognito-identity-js ${sdkVersion} median ${fmt(median(theirsMs))} ms, mean ${fmt(mean(theirsMs))} ms`);
console.log(`srp: first sign-in in a fresh process (includes picking the modPow route): ${fmt(firstMs)} ms`);
console.log(
  `modpow (3072-bit N, 1024-bit exponent): BigInt ${fmt(median(bigintPow))} ms` +
    (native ? `, OpenSSL via node:crypto DH ${fmt(median(nativePow))} ms` : ', OpenSSL route unavailable on this Node'),
);
console.log(
  `srp: ours ${fmt(median(oursMs))} ms/sign-in, amazon-cognito-identity-js ${fmt(median(theirsMs))} ms/sign-in, ratio ${ratio.toFixed(2)}× (target ≤ 0.2) ${ratio <= 0.2 ? 'ok' : 'MISSED'}`,
);
