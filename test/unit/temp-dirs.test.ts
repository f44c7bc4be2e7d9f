// The suite's temporary folders: every one a helper hands out is removed when the file ends.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isolatedEnv } from '../support/cli.js';
import { pendingTempDirs, removeTempDirs } from '../support/temp-dirs.js';

describe('temporary folders of the tests', () => {
  it('isolatedEnv registers its folder, and the clean-up removes it', () => {
    const before = pendingTempDirs();
    const env = isolatedEnv();
    expect(existsSync(env.HOME!)).toBe(true);
    expect(pendingTempDirs()).toBe(before + 1);
    removeTempDirs();
    expect(existsSync(env.HOME!)).toBe(false);
    expect(pendingTempDirs()).toBe(0);
  });
});
