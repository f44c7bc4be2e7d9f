#!/usr/bin/env node
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
const { main } = await import('../dist/cli/cli.js');
process.exitCode = await main(process.argv.slice(2));
