import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FailureReport, numberedName } from '../../../src/bulk/failures.js';
import { openCsv } from '../../../src/import/csv-source.js';
import { tempDir } from '../import/helpers.js';

const dir = tempDir('failures-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

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


describe('FailureReport never overwrites', () => {
  it('takes the next free name when the file is there, and says which it replaced', () => {
    const file = path.join(dir, 'users.failures.csv');
    fs.writeFileSync(file, 'username,error_code,error_message\r\nann,X,being fixed by hand\r\n');
    const second = new FailureReport(file, ['username']);
    second.add(['bob'], 'E', 'm');
    second.close();
    expect(second.file).toBe(path.join(dir, 'users.failures-2.csv'));
    expect(second.replacedName).toBe(file);
    const third = new FailureReport(file, ['username']);
    third.add(['cat'], 'E', 'm');
    third.close();
    expect(third.file).toBe(path.join(dir, 'users.failures-3.csv'));
    // the hand-edited file is untouched
    expect(fs.readFileSync(file, 'utf8')).toContain('being fixed by hand');
    expect(fs.readFileSync(third.file, 'utf8')).toBe('username,error_code,error_message\r\ncat,E,m\r\n');
  });

  it('numbers before the extension', () => {
    expect(numberedName('a/users.failures.csv', 1)).toBe('a/users.failures.csv');
    expect(numberedName('a/users.failures.csv', 2)).toBe('a/users.failures-2.csv');
    expect(numberedName('out', 3)).toBe('out-3');
  });
});
