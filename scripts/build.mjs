// Bundles the CLI for start-up speed into CommonJS files under dist/cli/: the core, cli.js (the
// parser, the root command, the commands without verbs, and what they load), and one bundle per
// noun, noun-<name>.js, that a run loads only when its command line names the noun (see
// src/program.ts and the end of this file). Within a bundle every verb's module is there but runs
// only when that verb runs (esbuild wraps a module that is import()ed in a function called on first
// import). A few files rather than ~200 small modules: Node 20 would resolve, read and compile each
// of them on every run; and not one file, as the code cache V8 reads back (and the source it reads)
// grows with the file, not with what runs: `--help` reads 160 kB instead of 640 kB. CommonJS rather
// than ES modules: a CommonJS file can be compiled from a V8 code cache on Node 20 too
// (bin/compile-cache.cjs), which halves what is left of its load time; V8 compiles lazily, so the
// verbs' code costs a read, not a compile, until it runs. Runtime dependencies other than commander
// stay in node_modules and are loaded with require() when a verb first needs them — except the AWS
// SDK (below). tsc still type-checks everything and emits dist/** for the benchmarks and tools that
// import single modules.
//
// The AWS SDK is what a command that calls AWS spends most of its start-up on: requiring
// @aws-sdk/client-cognito-identity-provider resolves, reads and compiles some 150 files and every
// one of its ~120 commands (~100 ms of CPU here). So the SDK is bundled too, into one CommonJS
// file, dist/cli/vendor/@aws-sdk.cjs, holding only the clients, commands and credential
// providers that src/ imports (collected below; a name it misses fails this build; `api`, which
// needs every command, requires the packages themselves from node_modules). It is loaded
// with require() on first use like any dependency, and as one CommonJS file it can use a V8 code
// cache (bin/compile-cache.cjs).
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const buildRequire = createRequire(`${root}package.json`);
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const external = Object.keys(pkg.dependencies)
  .filter((name) => name !== 'commander')
  .flatMap((name) => [name, `${name}/*`]);
const isSdk = (name) => name.startsWith('@aws-sdk/');
const VENDOR_SDK = 'vendor/@aws-sdk.cjs';

/** Every TypeScript file under src/, with its text. */
function sourceFiles(dir = `${root}src`) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(file);
    return entry.name.endsWith('.ts') ? [{ file, source: readFileSync(file, 'utf8') }] : [];
  });
}
const sources = sourceFiles();

/** The names src/ imports from each AWS SDK package (type-only imports left out). */
function sdkImports() {
  const used = new Map();
  const add = (pkgName, list) => {
    const names = used.get(pkgName) ?? new Set();
    for (const part of list.split(',')) {
      const item = part.trim();
      if (!item || item.startsWith('type ')) continue;
      names.add(item.split(/\s+as\s+/)[0].trim());
    }
    used.set(pkgName, names);
  };
  for (const { file, source } of sources) {
    let found = 0;
    for (const m of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*'(@aws-sdk\/[^']+)'/g)) {
      found++;
      if (!m[1]) add(m[3], m[2]);
    }
    for (const m of source.matchAll(/const\s*\{([^}]*)\}\s*=\s*await\s+import\(\s*'(@aws-sdk\/[^']+)'\s*,?\s*\)/g)) {
      found++;
      add(m[2], m[1].replace(/:\s*\w+/g, ''));
    }
    // The whole package, required from node_modules at run time (`api`, which reaches every
    // operation by name): not in the SDK bundle.
    found += source.match(/\bload\(\s*'@aws-sdk\/[^']+'\s*\)/g)?.length ?? 0;
    // Every mention must be one of the forms above: a name the bundle leaves out would only
    // fail when that command runs.
    const typeOnly = source.match(/typeof\s+import\(\s*'@aws-sdk\/[^']+'\s*\)/g)?.length ?? 0;
    const mentions = (source.match(/'@aws-sdk\/[^']+'/g)?.length ?? 0) - typeOnly;
    if (mentions !== found) {
      throw new Error(`${file}: import the AWS SDK as import { X } from '@aws-sdk/…' or const { X } = await import('@aws-sdk/…'), so that the SDK bundle holds X`);
    }
  }
  return used;
}

/** One CommonJS file with what src/ uses of the SDK: `module.exports[packageName] = { names… }`. */
async function buildSdkVendor(used) {
  const lines = [];
  let n = 0;
  for (const [pkgName, names] of used) {
    const alias = `p${n++}`;
    lines.push(`import { ${[...names].join(', ')} } from ${JSON.stringify(pkgName)};`);
    lines.push(`export const ${alias} = { ${[...names].join(', ')} };`);
    lines.push(`exportsByPackage[${JSON.stringify(pkgName)}] = ${alias};`);
  }
  await build({
    stdin: { contents: `export const exportsByPackage = {};\n${lines.join('\n')}\n`, resolveDir: root, loader: 'js' },
    outfile: `${root}dist/cli/${VENDOR_SDK}`,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // The SDK's ES module builds, so that what is not imported is left out.
    mainFields: ['module', 'main'],
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [builtinImportsAsRequire(`${root}dist/cli/${VENDOR_SDK}`)],
  });
}

// A script compiled with vm.Script (the code cache on Node 20) cannot import(): the few
// import('node:…') of built-in modules (in the SDK, node:readline in ours) become require(),
// which is what they load anyway.
const builtinImportsAsRequire = (out) => ({
  name: 'builtin-imports-as-require',
  setup(b) {
    b.onEnd((result) => {
      if (result.errors.length) return;
      const code = readFileSync(out, 'utf8').replace(/\bimport\((["'])(node:[\w/]+)\1\)/g, 'Promise.resolve(require("$2"))');
      const left = /\bimport\(/.exec(code);
      if (left) throw new Error(`${out}: an import() the code cache cannot run: ${code.slice(left.index, left.index + 80)}`);
      writeFileSync(out, code);
    });
  },
});

// Each dependency is loaded with require() when the code that uses it runs (an ESM import of
// CommonJS would also make Node scan its source for export names).
const requireDeps = {
  name: 'require-dependencies',
  setup(b) {
    const runtime = new RegExp(`^(${external.filter((e) => !e.endsWith('/*')).map((e) => e.replace(/[/.]/g, '\\$&')).join('|')})(/|$)`);
    b.onResolve({ filter: runtime }, (args) => ({ path: args.path, namespace: 'require-dependency' }));
    // An ES module whose named exports are the package's, read here at build time, so that both
    // `import { X }` and `await import()` see them; at run time it is one require() call.
    b.onLoad({ filter: /.*/, namespace: 'require-dependency' }, (args) => {
      // An AWS SDK package is its part of the SDK bundle.
      const load = isSdk(args.path)
        ? `__nodeRequire(__cliFile(${JSON.stringify(VENDOR_SDK)})).exportsByPackage[${JSON.stringify(args.path)}]`
        : `__nodeRequire(${JSON.stringify(args.path)})`;
      const exported = isSdk(args.path)
        ? buildRequire(`${root}dist/cli/${VENDOR_SDK}`).exportsByPackage[args.path]
        : buildRequire(args.path);
      const names = Object.keys(exported ?? {}).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
      return {
        contents: `const m = ${load};\nexport const { ${names.join(', ')} } = m;\nexport default m;\n`,
        loader: 'js',
      };
    });
  },
};

// commander requires node:child_process when it loads, for subcommands run as separate programs,
// which this CLI has none of; loading it (and net and dgram with it) is ~4 ms of every run. It
// is required when commander would spawn.
const commanderChildProcessOnUse = {
  name: 'commander-child-process-on-use',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager) || (source.match(/childProcess\.(\w+)/g) ?? []).some((use) => use !== 'childProcess.spawn')) {
        throw new Error(`${args.path}: commander no longer loads node:child_process as this build expects; update commanderChildProcessOnUse`);
      }
      const onUse = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
      return { contents: source.replace(eager, onUse), loader: 'js' };
    });
  },
};

/** Fails unless every import.meta.url in src/ is the argument of createRequire (see bundleOptions). */
function checkImportMetaUses() {
  for (const { file, source } of sources) {
    const uses = source.match(/import\.meta\b/g)?.length ?? 0;
    const asRequireBase = source.match(/createRequire\(import\.meta\.url\)/g)?.length ?? 0;
    if (uses !== asRequireBase) throw new Error(`${file}: the bundle gives import.meta.url only to createRequire(import.meta.url)`);
  }
}

checkImportMetaUses();
rmSync(`${root}dist/cli`, { recursive: true, force: true });
await buildSdkVendor(sdkImports());

// The CLI is split by noun. dist/cli/cli.js, the core, holds the parser (commander), the root
// command, the commands without verbs (api, doctor, completion, help) and the modules they load
// when they load (the context, output, errors…); each noun with verbs is a bundle of its own,
// dist/cli/noun-<name>.js, loaded when the command line names it (src/program.ts). A noun bundle
// takes every module the core holds from the core (one instance of each: one CliError class, one
// commander) and holds the rest itself.
const NOUNS = readdirSync(`${root}src/commands`, { withFileTypes: true })
  .filter((e) => e.isDirectory() && /\bexport const \w+Noun: Noun\b/.test(readFileSync(`${root}src/commands/${e.name}/index.ts`, 'utf8')))
  .map((e) => e.name);
const nounModule = new RegExp(`^\\./commands/(${NOUNS.join('|')})/index\\.js$`);
const nounConst = (name) => `${name.replace(/-(\w)/g, (_, c) => c.toUpperCase())}Noun`;

const bundleOptions = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  absWorkingDir: root,
  // strict: true there, so esbuild keeps every module strict ("use strict"), the core's entry too.
  tsconfig: `${root}tsconfig.json`,
  external,
  minifySyntax: true,
  minifyWhitespace: true,
  // src/ uses import.meta.url only as createRequire(import.meta.url) (checked below), which takes
  // a file's path as well as its URL; the path needs no node:url.
  define: { 'import.meta.url': '__filename' },
  banner: {
    js: "const __nodeRequire = require;\nconst __cliFile = (name) => require('node:path').join(__dirname, name);",
  },
  logLevel: 'warning',
};

// In the core, a noun is its name and description, read from its index.ts, and a register() that
// loads the noun's bundle.
const STRING = String.raw`'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"`;
function describeNoun(name) {
  const file = `${root}src/commands/${name}/index.ts`;
  const m = new RegExp(`export const ${nounConst(name)}: Noun = \\{\\s*name: (${STRING}),\\s*description: (${STRING}),`).exec(readFileSync(file, 'utf8'));
  if (!m) throw new Error(`${file}: a noun starts "export const ${nounConst(name)}: Noun = { name: '…', description: '…',"`);
  // The two string literals, as JavaScript reads them.
  return { name: new Function(`return ${m[1]}`)(), description: new Function(`return ${m[2]}`)() };
}
const nounsOnUse = {
  name: 'nouns-on-use',
  setup(b) {
    b.onResolve({ filter: nounModule }, (args) => (args.importer.endsWith('program.ts') ? { path: nounModule.exec(args.path)[1], namespace: 'noun' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'noun' }, (args) => {
      const name = args.path;
      return {
        contents:
          `export const ${nounConst(name)} = { ...${JSON.stringify(describeNoun(name))}, register(command, runtime) {\n` +
          `  __nodeRequire(__cliFile(${JSON.stringify(`noun-${name}.js`)})).${nounConst(name)}.register(command, runtime);\n} };\n`,
        loader: 'js',
      };
    });
  },
};

// The core's modules that load with it, which its entry hands to the noun bundles (below).
const first = await build({
  ...bundleOptions,
  entryPoints: [`${root}src/main.ts`],
  outfile: `${root}dist/cli/cli.js`,
  write: false,
  metafile: true,
  plugins: [nounsOnUse, requireDeps, commanderChildProcessOnUse],
});
const inputs = first.metafile.inputs;
const coreModules = new Set();
for (const todo = ['src/main.ts']; todo.length; ) {
  const key = todo.pop();
  if (coreModules.has(key) || !inputs[key] || key.includes(':')) continue;
  coreModules.add(key);
  for (const i of inputs[key].imports) if (i.kind !== 'dynamic-import' && !i.external) todo.push(i.path);
}
const coreList = [...coreModules].sort();
// What the core loads only on use (behind import()) and a noun bundle holds as well runs twice in a
// run that uses both; that is safe for functions only, not for classes (instanceof) or module state.
const runsOnUse = (key) => inputs[key] && !coreModules.has(key) && key.startsWith('src/');
function checkRunsTwiceSafely(name, metafile) {
  for (const key of Object.keys(Object.values(metafile.outputs)[0].inputs)) {
    if (!runsOnUse(key)) continue;
    if (/^(export )?(abstract )?(class|let|var) /m.test(readFileSync(`${root}${key}`, 'utf8'))) {
      throw new Error(`${key}: both the core (on use) and noun-${name}.js hold it, and it has a class or module state; import it statically from a core module, or keep it out of the core`);
    }
  }
}

const coreEntry =
  `export * from './src/main.ts';\n` +
  coreList.map((key, n) => `import * as m${n} from './${key}';`).join('\n') +
  `\nexport const __modules = { ${coreList.map((key, n) => `${JSON.stringify(key)}: m${n}`).join(', ')} };\n`;
await build({
  ...bundleOptions,
  stdin: { contents: coreEntry, resolveDir: root, sourcefile: 'cli-entry.ts', loader: 'ts' },
  outfile: `${root}dist/cli/cli.js`,
  plugins: [nounsOnUse, requireDeps, commanderChildProcessOnUse, builtinImportsAsRequire(`${root}dist/cli/cli.js`)],
});

// A module the core holds is the core's, in every noun bundle.
const fromCore = {
  name: 'from-core',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.fromCore || args.kind === 'entry-point') return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { fromCore: true } });
      if (resolved.errors.length) return { errors: resolved.errors };
      if (resolved.external || resolved.namespace !== 'file') return undefined;
      const key = resolved.path.slice(root.length).split('\\').join('/');
      // (A path of its own: esbuild would take a shim named like an .mjs file for an ES module.)
      return coreModules.has(key) ? { path: `${key}.core`, namespace: 'core' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'core' }, (args) => ({
      contents: `module.exports = __nodeRequire(__cliFile("cli.js")).__modules[${JSON.stringify(args.path.slice(0, -'.core'.length))}];\n`,
      loader: 'js',
    }));
  },
};
for (const name of NOUNS) {
  const outfile = `${root}dist/cli/noun-${name}.js`;
  const bundle = await build({
    ...bundleOptions,
    metafile: true,
    entryPoints: [`${root}src/commands/${name}/index.ts`],
    outfile,
    plugins: [fromCore, requireDeps, commanderChildProcessOnUse, builtinImportsAsRequire(outfile)],
  });
  checkRunsTwiceSafely(name, bundle.metafile);
}
// dist/cli/ is CommonJS in a package of ES modules.
writeFileSync(`${root}dist/cli/package.json`, '{ "type": "commonjs" }\n');
