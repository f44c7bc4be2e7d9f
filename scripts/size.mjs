// `npm run size`: what ships and what an operator's disk holds after installing it — packs the
// project (its prepare step bundles dist/cli), installs the tarball with --omit=dev into a
// throw-away prefix, and prints the tarball's size, the unpacked package, the installed tree
// and its largest dependencies. The temporary folder is removed afterwards.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installGlobal, pack, treeSize } from './lib/package.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'cognito-admin-size-'));
const kB = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;
const MB = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

try {
  const packed = pack(root, work);
  const { packageDir } = installGlobal(packed.tarball, join(work, 'prefix'));
  const installed = treeSize(packageDir);
  const ownBytes = installed.bytes - treeSize(join(packageDir, 'node_modules')).bytes;
  const deps = join(packageDir, 'node_modules');
  const sizes = [];
  for (const name of readdirSync(deps)) {
    if (name.startsWith('.')) continue;
    const names = name.startsWith('@') ? readdirSync(join(deps, name)).map((n) => `${name}/${n}`) : [name];
    for (const n of names) sizes.push([n, treeSize(join(deps, n)).bytes]);
  }
  sizes.sort((a, b) => b[1] - a[1]);
  const scopes = new Map();
  for (const [name, bytes] of sizes) {
    const key = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : name;
    scopes.set(key, (scopes.get(key) ?? 0) + bytes);
  }
  const byScope = [...scopes].sort((a, b) => b[1] - a[1]);

  console.log(`package (npm pack)       ${kB(packed.size).padStart(9)}   ${packed.files.length} files, ${kB(packed.unpackedSize)} unpacked`);
  console.log(`  of which dist/cli      ${kB(sumFiles(packed, 'dist/cli/')).padStart(9)}   (unpacked)`);
  console.log(
    `installed (--omit=dev)   ${MB(installed.bytes).padStart(9)}   ${installed.files} files in ${sizes.length} packages, ${MB(installed.disk)} on disk; cognito-admin itself ${kB(ownBytes)}`,
  );
  console.log('largest dependencies (installed):');
  for (const [name, bytes] of byScope.slice(0, 8)) console.log(`  ${name.padEnd(24)} ${MB(bytes).padStart(8)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function sumFiles(packed, prefix) {
  return packed.files.filter((f) => f.path.startsWith(prefix)).reduce((n, f) => n + f.size, 0);
}
