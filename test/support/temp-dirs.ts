// Temporary folders for tests, removed when the test file ends (test/support/temp-cleanup.ts
// runs the removal after every file). Every helper that needs a folder takes it from here, so a
// run leaves nothing behind in the system's temp directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created = new Set<string>();

export function tempDir(prefix = 'cognito-admin-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.add(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
  created.clear();
}

/** How many folders are waiting for removal (for the test of this module). */
export function pendingTempDirs(): number {
  return created.size;
}
