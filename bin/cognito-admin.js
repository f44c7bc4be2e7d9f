#!/usr/bin/env node
// CommonJS (bin/package.json), as is the bundle: no ES module loader to start for a command.
'use strict';
// The AWS SDK warns on every run under Node 20 that future releases will need Node 22; that is
// news for us, not for the operator running a command. Set it to "false" to see it again.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// `cognito-admin … | head` closes the pipe early: stop quietly, as other shell tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
// Compiled code is cached between runs (see compile-cache.cjs).
require('./compile-cache.cjs').enable();
let cli;
try {
  cli = require('../dist/cli/cli.js');
} catch (err) {
  // A checkout whose dependencies were never installed has no bundle: say how to make it.
  if (err?.code !== 'MODULE_NOT_FOUND' || !String(err.message).includes('cli.js')) throw err;
  process.stderr.write('error: cognito-admin is not built (dist/cli/cli.js is missing)\nhint: run `npm ci` in the checkout (it builds the bundle), or `npm run build`\n');
  process.exitCode = 1;
}
if (cli) {
  cli.main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
