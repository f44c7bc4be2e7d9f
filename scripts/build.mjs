// Bundles the CLI for start-up speed: one file for everything `--help` and the argument parsing
// need, with every verb's module in a chunk of its own that is loaded only when that verb runs.
// Node 20 has no module compile cache, so each of the ~40 small modules tsc emits would cost a
// separate resolve, read and compile on every run. Runtime dependencies other than commander
// stay in node_modules and are loaded with require() when a verb first needs them.
// tsc still type-checks everything and emits dist/** for the benchmarks and tools that import
// single modules.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const buildRequire = createRequire(`${root}package.json`);
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const external = Object.keys(pkg.dependencies)
  .filter((name) => name !== 'commander')
  .flatMap((name) => [name, `${name}/*`]);

// The AWS SDK ships CommonJS. An ESM `import` of a CommonJS module makes Node scan its source
// for export names (cjs-module-lexer), which for the SDK costs more than loading it: ~100 ms
// per command. Loading it with require() skips that scan, as a plain CommonJS script would; the
// other dependencies go the same way, so each loads only when the code that uses it runs.
const requireDeps = {
  name: 'require-dependencies',
  setup(b) {
    const runtime = new RegExp(`^(${external.filter((e) => !e.endsWith('/*')).map((e) => e.replace(/[/.]/g, '\\$&')).join('|')})(/|$)`);
    b.onResolve({ filter: runtime }, (args) => ({ path: args.path, namespace: 'require-dependency' }));
    // An ES module whose named exports are the package's, read here at build time, so that both
    // `import { X }` and `await import()` see them; at run time it is one require() call.
    b.onLoad({ filter: /.*/, namespace: 'require-dependency' }, (args) => {
      const names = Object.keys(buildRequire(args.path)).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
      return {
        contents: `const m = __nodeRequire(${JSON.stringify(args.path)});\nexport const { ${names.join(', ')} } = m;\nexport default m;\n`,
        loader: 'js',
      };
    });
  },
};

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
  plugins: [requireDeps],
  chunkNames: 'chunks/[name]-[hash]',
  // commander is CommonJS: give the ESM bundle a `require` for it.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);\nconst __nodeRequire = require;",
  },
  logLevel: 'warning',
});
