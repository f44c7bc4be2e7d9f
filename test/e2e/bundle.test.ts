// The built bundle (dist/cli: the core and a bundle per noun, scripts/build.mjs) prints what the
// sources print: the root help lists every noun with the description its bundle holds, each noun
// loads its verbs, and `help <noun> <verb>` and `completion` reach all of them.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/program.js';
import { runCli } from '../support/cli.js';
import { runBin } from '../support/e2e.js';

const nouns = buildProgram({})
  .commands.filter((c) => c.commands.length > 0)
  .map((c) => c.name());

describe('the bundle prints what the sources print', () => {
  const cases = [['--help'], ...nouns.map((noun) => [noun, '--help']), ['help', 'user', 'create'], ['--profile', 'token', 'token', '--help'], ['completion', 'bash']];
  for (const argv of cases) {
    it(argv.join(' '), async () => {
      const [bundled, sources] = await Promise.all([runBin(argv), runCli(argv)]);
      expect(bundled.stderr).toBe(sources.stderr);
      expect(bundled.code).toBe(sources.code);
      expect(bundled.stdout).toBe(sources.stdout);
      expect(bundled.stdout.length).toBeGreaterThan(200);
    });
  }
});
