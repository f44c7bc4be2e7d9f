// Regenerates srp-vectors.json: for each seeded case, what amazon-cognito-identity-js sends.
// Run from the repository root:  node test/unit/auth/oracle/generate-srp-vectors.mjs
// (the SDK's pure-JS big integers take ~0.4 s per sign-in, which is why the answers are stored
// instead of recomputed by every test run; srp.oracle.test.ts still runs a fresh sample live.)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { oracleSignIn } from './cognito-oracle.mjs';
import { buildSrpCase, seededBytes } from './srp-cases.mjs';

const SEED = 'cognito-admin srp oracle vectors v1';
const COUNT = Number(process.argv[2] ?? 264);

const require = createRequire(import.meta.url);
const sdkVersion = JSON.parse(
  readFileSync(require.resolve('amazon-cognito-identity-js/package.json'), 'utf8'),
).version;

const bytes = seededBytes(SEED);
const cases = [];
for (let i = 0; i < COUNT; i++) {
  const input = buildSrpCase(bytes, i);
  const out = oracleSignIn(input);
  cases.push({
    index: i,
    kind: input.kind,
    // A is 768 hex digits; its hash is as good a check and keeps the file small.
    srpASha256: createHash('sha256').update(out.srpA).digest('hex'),
    key: out.key,
    signature: out.signature,
    timestamp: out.timestamp,
  });
  if ((i + 1) % 24 === 0) process.stderr.write(`${i + 1}/${COUNT}\n`);
}

const file = fileURLToPath(new URL('./srp-vectors.json', import.meta.url));
// One case per line: small, and a regenerated file diffs case by case.
const header = JSON.stringify({ generator: `amazon-cognito-identity-js@${sdkVersion}`, seed: SEED });
writeFileSync(
  file,
  `${header.slice(0, -1)},\n "cases": [\n${cases.map((c) => `  ${JSON.stringify(c)}`).join(',\n')}\n ]\n}\n`,
);
process.stderr.write(`wrote ${cases.length} vectors to ${file}\n`);
