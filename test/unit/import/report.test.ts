import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCsv } from '../../../src/import/csv-source.js';
import { exitCodeFor, FailureReport, formatElapsed, summaryRows, type ImportSummary } from '../../../src/import/report.js';
import { tempDir } from './helpers.js';

const dir = tempDir('report-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const summary: ImportSummary = {
  created: 5, updated: 1, existing: 2, invalid: 1, failed: 0, resumed: 3, rows: 12, unfinished: 0,
  elapsedMs: 2500, usersPerSecond: 3.2, interrupted: false, throttled: 4, retried: 1,
};

describe('FailureReport', () => {
  it('writes nothing when nothing failed', () => {
    const report = new FailureReport(path.join(dir, 'none.csv'), ['username']);
    report.close();
    expect(report.written).toBe(false);
    expect(fs.existsSync(path.join(dir, 'none.csv'))).toBe(false);
  });

  it('keeps the original cells exactly (no neutralisation) and adds error columns; it re-imports as is', async () => {
    const file = path.join(dir, 'failures.csv');
    const report = new FailureReport(file, ['username', 'name', 'phone_number']);
    report.add(['ann', 'Ann, "the boss"\nline 2', "'+15551234567"], 'InvalidPhoneNumber', 'phone_number: "x" is not in E.164 format');
    report.add(['=cmd', '', ''], 'InvalidUsername', 'bad');
    report.close();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const source = await openCsv(file);
    expect(source.header).toEqual(['username', 'name', 'phone_number', 'error_code', 'error_message']);
    const rows = [];
    for await (const r of source.rows()) rows.push([...r.cells]);
    expect(rows).toEqual([
      ['ann', 'Ann, "the boss"\nline 2', "'+15551234567", 'InvalidPhoneNumber', 'phone_number: "x" is not in E.164 format'],
      ['=cmd', '', '', 'InvalidUsername', 'bad'],
    ]);

    // fed back: the error columns are reused, not added again
    const again = new FailureReport(path.join(dir, 'again.csv'), source.header);
    again.add(rows[0]!, 'InvalidEmail', 'second time');
    again.close();
    const back = await openCsv(path.join(dir, 'again.csv'));
    expect(back.header).toEqual(['username', 'name', 'phone_number', 'error_code', 'error_message']);
    for await (const r of back.rows()) expect(r.cells.slice(3)).toEqual(['InvalidEmail', 'second time']);
  });
});

describe('summary', () => {
  it('maps to the exit codes of the SPEC', () => {
    expect(exitCodeFor(summary)).toBe(3);
    expect(exitCodeFor({ ...summary, invalid: 0 })).toBe(0);
    expect(exitCodeFor({ ...summary, invalid: 0, failed: 1 })).toBe(3);
    expect(exitCodeFor({ ...summary, interrupted: true })).toBe(130);
  });

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
