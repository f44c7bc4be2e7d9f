// V8 code caches, so that a command does not compile the same code again on every run: of the CLI's
// bundles (dist/cli/cli.js and the noun-<name>.js a run loads) and of the AWS SDK bundle
// (dist/cli/vendor/@aws-sdk.cjs, ~0.7 MB), which with a cache loads in about half the CPU time.
// - Node 22.1 and later cache every module themselves: module.enableCompileCache(dir).
// - Node 20 has no such switch; there the CommonJS files under dist/cli/ are compiled here with
//   vm.Script and the cached data V8 hands back (what v8-compile-cache does for CommonJS). The
//   cache holds what the run that wrote it compiled (written at exit): the parser and the verb of
//   that run, the SDK's request path.
// The cache lives in $XDG_CACHE_HOME/cognito-admin/compile-cache (~/.cache/…), private to the user:
// V8 runs cached code as it finds it, so a folder others can write to is never used. It is first
// written on a second run (the first leaves a marker), so one-off runs in throw-away homes, as
// tests make, leave kilobytes and not megabytes. NODE_DISABLE_COMPILE_CACHE=1 turns it off. A
// cache V8 rejects (another Node, other flags) is written again.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const CLI = path.join(__dirname, '..', 'dist', 'cli') + path.sep;

function cacheDir(env) {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  // node:os only when HOME is not set: loading it is a measurable part of a run.
  const home = env.HOME || require('node:os').homedir();
  const base = env.XDG_CACHE_HOME || (home ? path.join(home, '.cache') : '');
  return base ? path.join(base, 'cognito-admin', 'compile-cache') : undefined;
}

/** Whether this is at least the second run with `key` (leaving the marker when it is the first). */
function seenBefore(dir, key) {
  const marker = path.join(dir, `${key}.seen`);
  if (fs.existsSync(marker)) return true;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(marker, '');
  } catch {
    // A read-only home: run without a cache.
  }
  return false;
}

/** Writes `<key>.v8`, removing the marker and cache of other builds of the same file. */
function writeCache(dir, key, data, file) {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const old of fs.readdirSync(dir)) if (old.startsWith(`${file}-`) && !old.startsWith(`${key}.`)) fs.rmSync(path.join(dir, old), { force: true });
    const tmp = path.join(dir, `${key}.v8.${process.pid}.tmp`);
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, path.join(dir, `${key}.v8`));
  } catch {
    // Not writable, or full: the next run compiles again.
  }
}

function requireFor(mod) {
  const require = (id) => mod.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  require.main = process.mainModule;
  require.cache = Module._cache;
  return require;
}

function compileCached(mod, content, filename, dir) {
  const stat = fs.statSync(filename);
  const base = path.basename(filename);
  const key = `${base}-${content.length}-${Math.round(stat.mtimeMs)}-${process.version}-${process.arch}`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(path.join(dir, `${key}.v8`));
  } catch {
    cachedData = undefined;
  }
  // A cache on disk means a run has seen this build before; the marker is asked for only without.
  if (cachedData || seenBefore(dir, key)) {
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    // Written at exit, so that it holds what this run compiled lazily too (the request path).
    if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeCache(dir, key, script.createCachedData(), base));
    return run(script, mod, filename);
  }
  return run(new vm.Script(Module.wrap(content), { filename }), mod, filename);
}

function run(script, mod, filename) {
  const fn = script.runInThisContext({ displayErrors: true });
  return fn.call(mod.exports, mod.exports, requireFor(mod), mod, filename, path.dirname(filename));
}

exports.enable = function enable(env = process.env) {
  const dir = cacheDir(env);
  if (!dir) return;
  if (typeof Module.enableCompileCache === 'function') {
    if (seenBefore(dir, `node-${process.version}`)) {
      try {
        Module.enableCompileCache(path.join(dir, 'node'));
      } catch {
        // Best effort, as on Node 20.
      }
    }
    return;
  }
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    if (!filename.startsWith(CLI)) return compile.call(this, content, filename);
    return compileCached(this, content, filename, dir);
  };
};
