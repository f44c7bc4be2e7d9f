// Records which packages a CLI process loads, whether through `import` (an ESM resolve hook) or
// `require` (the bundle loads its dependencies with require): for tests that a light command
// stays light.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from './temp-dirs.js';

export interface ModuleTrace {
  /** Node flags that install the tracing; put them before the script. */
  nodeArgs: string[];
  /** Everything resolved or required so far, one per line. */
  loaded(): string;
}

export function moduleTrace(): ModuleTrace {
  const dir = tempDir('cognito-admin-trace-');
  const log = join(dir, 'loaded.txt');
  writeFileSync(log, '');
  const cjs = join(dir, 'trace-require.cjs');
  writeFileSync(
    cjs,
    `const Module = require('node:module');\nconst { appendFileSync } = require('node:fs');\n` +
      `const load = Module._load;\nModule._load = function (request, ...rest) {\n` +
      `  appendFileSync(${JSON.stringify(log)}, 'require ' + request + '\\n');\n  return load.call(this, request, ...rest);\n};\n`,
  );
  const hooks = join(dir, 'trace-import.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';\nexport async function resolve(specifier, context, next) {\n` +
      `  const result = await next(specifier, context);\n  appendFileSync(${JSON.stringify(log)}, 'import ' + result.url + '\\n');\n  return result;\n}\n`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  appendFileSync(log, '');
  return {
    nodeArgs: ['--require', cjs, '--import', pathToFileURL(register).href],
    loaded: () => readFileSync(log, 'utf8'),
  };
}
