// npm's `prepare` step: runs after `npm ci` / `npm install` in a checkout, before `npm pack` and
// `npm publish`, and when a checkout is installed with `npm install -g .`. It bundles the CLI
// (scripts/build.mjs, well under a second) so that what ships, dist/cli/, is always built from the
// sources; the type-check stays with `npm run build` and `npm test`, so `npm ci` stays cheap.
//
// `npm install -g .` links the checkout without installing its dependencies and runs this step
// in it: on a fresh clone neither esbuild nor the runtime dependencies the linked command needs
// are there. Then this installs the checkout's dependencies from the lockfile first (that nested
// install runs this step again, which bundles).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function hasBuildTools() {
  try {
    createRequire(`${root}package.json`).resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

// Settings npm passes to its scripts as npm_config_* describe the outer command (`-g`, a
// prefix, --omit=dev…) and would turn the nested install into a global or production one. Keep
// only how to reach the registry.
const KEEP = /^npm_config_(registry|cache|userconfig|globalconfig|(https_)?proxy|noproxy|strict_ssl|cafile|ca|offline|prefer_offline|prefer_online|fetch_.*|@.*:registry|\/\/.*)$/i;

if (hasBuildTools()) {
  await import('./build.mjs');
} else {
  const command = existsSync(`${root}package-lock.json`) ? 'ci' : 'install';
  console.error(`cognito-admin: installing the checkout's dependencies (npm ${command}) to build it`);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k) || KEEP.test(k)));
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, command, '--no-audit', '--no-fund'], { cwd: root, env, stdio: 'inherit' })
    : spawnSync('npm', [command, '--no-audit', '--no-fund'], { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`cognito-admin: npm ${command} failed; run it in ${root} and try again`);
    process.exitCode = result.status ?? 1;
  }
}
