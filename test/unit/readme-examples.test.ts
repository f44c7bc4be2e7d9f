// The parser behind test/e2e/readme.test.ts: sections, markers, expected exit codes, skips.
import { describe, expect, it } from 'vitest';
import { parseReadme } from '../support/readme-examples.js';

const doc = [
  '# Tool',
  '## Start',
  '<!-- readme-test: cognito-local -->',
  '```sh',
  'cognito-admin pool list',
  '```',
  '',
  '<!-- readme-test: moto, exit 3 -->',
  '',
  '```sh',
  'cognito-admin group add admins nobody',
  '```',
  '### Later',
  '```text',
  'not a shell example',
  '```',
  '<!-- readme-test: skip: needs real AWS -->',
  '```sh',
  'aws s3 ls',
  '```',
  '```sh',
  'unmarked',
  '```',
  '<!-- readme-test: emulator-x -->',
  '```sh',
  'unknown runner',
  '```',
].join('\n');

describe('README examples', () => {
  it('reads each sh block with its section, marker and expected exit code', () => {
    expect(parseReadme(doc)).toEqual([
      { section: 'Start', line: 4, code: 'cognito-admin pool list', runner: 'cognito-local', exit: 0 },
      { section: 'Start', line: 10, code: 'cognito-admin group add admins nobody', runner: 'moto', exit: 3 },
      { section: 'Later', line: 18, code: 'aws s3 ls', runner: 'skip', reason: 'needs real AWS', exit: 0 },
      { section: 'Later', line: 21, code: 'unmarked', exit: 0 },
      { section: 'Later', line: 25, code: 'unknown runner', exit: 0 },
    ]);
  });
});
