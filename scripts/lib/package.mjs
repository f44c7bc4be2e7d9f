// Packs the project the way `npm publish` would and installs the tarball the way a user would
// (`npm install -g <tarball> --omit=dev` into a prefix of its own): for `npm run size` and for the
// packaging test, which both need the same steps.
import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

const npmCli = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath) ? process.env.npm_execpath : undefined;

/** Runs npm (the one running this script when there is one) and returns its stdout. */
export function npm(args, options = {}) {
  const env = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...options.env };
  const run = { cwd: options.cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 };
  try {
    return npmCli ? execFileSync(process.execPath, [npmCli, ...args], run) : execFileSync('npm', args, run);
  } catch (err) {
    throw new Error(`npm ${args.join(' ')} failed (exit ${err.status}): ${err.stderr || err.message}`);
  }
}

/**
 * A copy of the checkout at `dest` (everything but dist/, .git and node_modules, which is linked),
 * so that packing it builds from the sources without touching the checkout's own dist/.
 */
export function copyCheckout(root, dest) {
  const skip = new Set(['node_modules', 'dist', '.git', 'coverage']);
  for (const entry of readdirSync(root)) {
    if (skip.has(entry) || entry.endsWith('.tgz')) continue;
    cpSync(join(root, entry), join(dest, entry), { recursive: true, dereference: false });
  }
  symlinkSync(join(root, 'node_modules'), join(dest, 'node_modules'), 'dir');
  return dest;
}

/** `npm pack` (its prepare step builds dist/cli) into `destination`: npm's report of the tarball. */
export function pack(projectDir, destination) {
  const [report] = JSON.parse(npm(['pack', '--json', '--pack-destination', destination], { cwd: projectDir }));
  return {
    tarball: join(destination, report.filename),
    size: report.size,
    unpackedSize: report.unpackedSize,
    files: report.files.map((f) => ({ path: f.path, size: f.size })),
  };
}

/**
 * Installs a tarball as an operator would, without development dependencies, into `prefix`.
 * Prefers npm's cache (filled by the checkout's own install), so it also works offline.
 * Returns the installed package's folder and the command's path.
 */
export function installGlobal(tarball, prefix) {
  npm(['install', '--global', '--prefix', prefix, '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', tarball]);
  const packageDir = process.platform === 'win32' ? join(prefix, 'node_modules', 'cognito-admin') : join(prefix, 'lib', 'node_modules', 'cognito-admin');
  const command = process.platform === 'win32' ? join(prefix, 'cognito-admin.cmd') : join(prefix, 'bin', 'cognito-admin');
  return { packageDir, command };
}

/** Under `dir` (links not followed): the files' bytes, and the disk space they take in blocks. */
export function treeSize(dir) {
  const total = { bytes: 0, disk: 0, files: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = treeSize(path);
      total.bytes += sub.bytes;
      total.disk += sub.disk;
      total.files += sub.files;
    } else {
      const stat = lstatSync(path);
      total.bytes += stat.size;
      total.disk += stat.blocks * 512;
      total.files++;
    }
  }
  return total;
}
