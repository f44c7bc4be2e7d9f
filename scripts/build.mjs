// Bundles the CLI for start-up speed: one file for everything `--help` and the argument parsing
// need, with every verb's module in a chunk of its own that is loaded only when that verb runs.
// Node 20 has no module compile cache, so each of the ~40 small modules tsc emits would cost a
// separate resolve, read and compile on every run. Runtime dependencies other than commander
// stay external: they load from node_modules as a plain SDK script would load them.
// tsc still type-checks everything and emits dist/** for the benchmarks and tools that import
// single modules.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const external = Object.keys(pkg.dependencies)
  .filter((name) => name !== 'commander')
  .flatMap((name) => [name, `${name}/*`]);

rmSync(`${root}dist/cli`, { recursive: true, force: true });
await build({
  entryPoints: { cli: `${root}src/main.ts` },
  outdir: `${root}dist/cli`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  chunkNames: 'chunks/[name]-[hash]',
  // commander is CommonJS: give the ESM bundle a `require` for it.
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
