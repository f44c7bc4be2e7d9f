import { describe, expect, it } from 'vitest';
import { formatElapsed } from '../../../src/bulk/summary.js';
import { summaryRows, type ImportSummary } from '../../../src/import/report.js';

const summary: ImportSummary = {
  created: 5, updated: 1, existing: 2, invalid: 1, failed: 0, resumed: 3, rows: 12, unfinished: 0,
  elapsedMs: 2500, usersPerSecond: 3.2, interrupted: false, throttled: 4, retried: 1,
};

describe('summary', () => {
  it('renders as table rows', () => {
    const rows = summaryRows({ ...summary, failuresFile: 'f.csv' });
    expect(rows.slice(0, 8)).toEqual([
      ['created', '5'], ['updated', '1'], ['existing', '2'], ['invalid', '1'], ['failed', '0'], ['resumed', '3'],
      ['elapsed', '2.5 s'], ['users/s', '3.2'],
    ]);
    expect(rows).toContainEqual(['failures file', 'f.csv']);
    expect(formatElapsed(125_000)).toBe('2 min 5 s');
    expect(formatElapsed(3_720_000)).toBe('1 h 2 min');
  });
});
