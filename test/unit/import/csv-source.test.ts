import fs from 'node:fs';
import path from 'node:path';
import { parse as parseSync } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { openCsv, type CsvSource } from '../../../src/import/csv-source.js';
import { CsvFormatError } from '../../../src/bulk/errors.js';
import { readable, seededRandom, tempDir } from './helpers.js';

async function read(text: string | Buffer, options: { chunkSize?: number; allowEmpty?: boolean; maxRecordSize?: number } = {}) {
  const source = await openCsv(readable(text, options.chunkSize), options);
  const rows: Array<{ line: number; cells: string[] }> = [];
  for await (const row of source.rows()) rows.push({ line: row.line, cells: [...row.cells] });
  return { header: [...source.header], rows };
}

async function failure(text: string | Buffer, options: { chunkSize?: number; maxRecordSize?: number } = {}): Promise<CsvFormatError> {
  try {
    await read(text, options);
  } catch (err) {
    expect(err).toBeInstanceOf(CsvFormatError);
    return err as CsvFormatError;
  }
  throw new Error('expected a CsvFormatError');
}

const dir = tempDir('csv-source-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('openCsv: well-formed input', () => {
  it('reads header and rows, numbering rows as a spreadsheet does (header = row 1)', async () => {
    const { header, rows } = await read('username,email\nann,ann@example.com\nbob,bob@example.com\n');
    expect(header).toEqual(['username', 'email']);
    expect(rows).toEqual([
      { line: 2, cells: ['ann', 'ann@example.com'] },
      { line: 3, cells: ['bob', 'bob@example.com'] },
    ]);
  });

  it('strips a UTF-8 BOM and handles CRLF', async () => {
    const { header, rows } = await read('\uFEFFusername,given_name\r\nann,Ann\r\nbob,Bob\r\n');
    expect(header).toEqual(['username', 'given_name']);
    expect(rows.map((r) => r.cells)).toEqual([
      ['ann', 'Ann'],
      ['bob', 'Bob'],
    ]);
  });

  it('keeps quoted commas, doubled quotes and line breaks; a multi-line row is one row', async () => {
    const text = 'username,address,nickname\r\nann,"1 Main St, Springfield","The ""Boss"""\r\nbob,"line one\r\nline two",b\r\ncid,x,y\r\n';
    const { rows } = await read(text);
    expect(rows).toEqual([
      { line: 2, cells: ['ann', '1 Main St, Springfield', 'The "Boss"'] },
      { line: 3, cells: ['bob', 'line one\r\nline two', 'b'] },
      { line: 4, cells: ['cid', 'x', 'y'] },
    ]);
  });

  it('reads UTF-8 names, whatever the chunk boundaries', async () => {
    const text = 'username,name\nzoë,Zoë Ærøskøbing\n田中,田中 太郎\n"o,\u00e9",Ōno 🎉\n';
    for (const chunkSize of [1, 2, 3, 5, 7, 64]) {
      const { rows } = await read(text, { chunkSize });
      expect(rows.map((r) => r.cells)).toEqual([
        ['zoë', 'Zoë Ærøskøbing'],
        ['田中', '田中 太郎'],
        ['o,é', 'Ōno 🎉'],
      ]);
    }
  });

  it('skips blank lines but still counts them as rows; no trailing newline is fine', async () => {
    const { rows } = await read('username,email\n\nann,a@example.com\n   \nbob,b@example.com');
    expect(rows).toEqual([
      { line: 3, cells: ['ann', 'a@example.com'] },
      { line: 5, cells: ['bob', 'b@example.com'] },
    ]);
  });

  it('supports classic Mac CR line endings and UTF-16LE with BOM', async () => {
    expect((await read('a,b\r1,2\r3,4\r')).rows.map((r) => r.cells)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('username,name\r\nann,Zoë\r\n', 'utf16le')]);
    const { header, rows } = await read(utf16, { chunkSize: 3 });
    expect(header).toEqual(['username', 'name']);
    expect(rows[0]!.cells).toEqual(['ann', 'Zoë']);
  });

  it('trims header names and exposes rows as records too', async () => {
    const source = await openCsv(readable(' username , email \nann,a@example.com\n'));
    expect(source.header).toEqual(['username', 'email']);
    const rows = [];
    for await (const r of source.rows()) rows.push(r.record);
    expect(rows).toEqual([{ username: 'ann', email: 'a@example.com' }]);
  });

  it('reads a file path and reports its size and the bytes read', async () => {
    const file = path.join(dir, 'small.csv');
    fs.writeFileSync(file, 'username\nann\nbob\n');
    const source = await openCsv(file);
    expect(source.sizeBytes).toBe(17);
    let n = 0;
    for await (const batch of source.batches()) n += batch.length;
    expect(n).toBe(2);
    expect(source.rowCount).toBe(2);
    expect(source.bytesRead).toBe(17);
  });

  it('allows a header-only file when asked', async () => {
    expect((await read('username,email\n', { allowEmpty: true })).rows).toEqual([]);
  });
});

describe('openCsv: malformed input gives a CsvFormatError with the row number', () => {
  it('unclosed quote at the end of the file', async () => {
    const err = await failure('username,name\nann,Ann\nbob,"Bob\ncid,Cid\n');
    expect(err.code).toBe('CSV_QUOTE_NOT_CLOSED');
    expect(err.row).toBe(3);
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(/row 3: a quoted field that opens on line 3 is never closed/);
  });

  it('unclosed quote early in a large file stops at the row limit, not at the end of the file', async () => {
    const lines = ['username,name', 'ann,"Ann'];
    for (let i = 0; i < 50_000; i++) lines.push(`user${i},Name ${i}`);
    const err = await failure(lines.join('\n'), { maxRecordSize: 64 * 1024 });
    expect(err.row).toBe(2);
    expect(err.code).toBe('CSV_QUOTE_NOT_CLOSED');
    expect(err.message).toMatch(/not closed within 64 KiB/);
  });

  it('a quote inside an unquoted field', async () => {
    const err = await failure('username,name\nann,Jo"hn\n');
    expect(err.code).toBe('INVALID_OPENING_QUOTE');
    expect(err.row).toBe(2);
    expect(err.message).toMatch(/^row 2: a quote/);
  });

  it('text after a closing quote', async () => {
    const err = await failure('username,name\nann,ok\nbob,"Bob"x\n');
    expect(err.code).toBe('CSV_INVALID_CLOSING_QUOTE');
    expect(err.row).toBe(3);
  });

  it('wrong column count (more and fewer), counting multi-line rows as one', async () => {
    const more = await failure('username,email\nann,a@example.com\nbob,b@example.com,extra\n');
    expect(more.code).toBe('CSV_RECORD_INCONSISTENT_COLUMNS');
    expect(more.row).toBe(3);
    expect(more.message).toBe('row 3 has 3 columns, the header has 2');
    const fewer = await failure('username,address\nann,"two\nlines"\nbob\n');
    expect(fewer.row).toBe(3);
    expect(fewer.line).toBe(4);
    expect(fewer.message).toBe('row 3 has 1 column, the header has 2');
  });

  it('empty file, blank file, header only', async () => {
    expect((await failure('')).code).toBe('CSV_EMPTY');
    expect((await failure('\n\r\n\n')).code).toBe('CSV_EMPTY');
    const headerOnly = await failure('username,email\r\n');
    expect(headerOnly.code).toBe('CSV_NO_ROWS');
    expect(headerOnly.message).toMatch(/header row but no users/);
  });

  it('binary junk: NUL bytes and invalid UTF-8', async () => {
    const nul = await failure(Buffer.concat([Buffer.from('username,email\nann,a@example.com\n'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x0a])]));
    expect(nul.code).toBe('CSV_NOT_TEXT');
    expect(nul.row).toBe(3);
    expect(nul.message).toMatch(/NUL byte/);
    const latin1 = await failure(Buffer.concat([Buffer.from('username,name\nann,Ann\nzoe,Zo'), Buffer.from([0xeb]), Buffer.from('\n')]));
    expect(latin1.code).toBe('CSV_NOT_TEXT');
    expect(latin1.row).toBe(3);
    expect(latin1.message).toMatch(/not valid UTF-8/);
    const random = Buffer.alloc(4096);
    const rnd = seededRandom(7);
    for (let i = 0; i < random.length; i++) random[i] = Math.floor(rnd() * 256);
    expect((await failure(random)).code).toMatch(/CSV_/);
  });

  it('a 100 MB single line fails fast after reading about the row limit, without hanging', async () => {
    const file = path.join(dir, 'one-line.csv');
    const fd = fs.openSync(file, 'w');
    const block = Buffer.alloc(1024 * 1024, 'a');
    for (let i = 0; i < 100; i++) fs.writeSync(fd, block);
    fs.closeSync(fd);
    expect(fs.statSync(file).size).toBe(100 * 1024 * 1024);
    let source: CsvSource | undefined;
    let error: unknown;
    try {
      source = await openCsv(file);
      for await (const _ of source.rows());
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CsvFormatError);
    expect((error as CsvFormatError).code).toBe('CSV_MAX_RECORD_SIZE');
    expect((error as CsvFormatError).row).toBe(1);
    expect((error as CsvFormatError).message).toBe('row 1 is longer than 1 MiB (no line break found)');
    expect(source).toBeUndefined(); // failed while looking for the header
    fs.rmSync(file);
  });

  it('a long data row fails with its row number', async () => {
    const err = await failure(`username,name\nann,${'x'.repeat(5000)}\n`, { maxRecordSize: 1000, chunkSize: 512 });
    expect(err.code).toBe('CSV_MAX_RECORD_SIZE');
    expect(err.row).toBe(2);
  });
});

describe('openCsv agrees with csv-parse', () => {
  const alphabet = ['a', 'b', 'é', '日', ',', '"', '""', '\n', '\r\n', 'x,y'];

  function randomValidCsv(rnd: () => number): string {
    const columns = 2 + Math.floor(rnd() * 4);
    const rows = 1 + Math.floor(rnd() * 8);
    const crlf = rnd() < 0.5;
    const lines: string[] = [];
    for (let r = 0; r < rows; r++) {
      const cells: string[] = [];
      for (let c = 0; c < columns; c++) {
        let v = '';
        const len = Math.floor(rnd() * 6);
        for (let k = 0; k < len; k++) v += alphabet[Math.floor(rnd() * alphabet.length)]!;
        if (r === 0) v = `h${c}${v.replace(/[^ab]/g, '')}`;
        cells.push(/[",\r\n]/.test(v) || rnd() < 0.2 ? `"${v.replace(/"/g, '""')}"` : v);
      }
      lines.push(cells.join(','));
    }
    return lines.join(crlf ? '\r\n' : '\n') + (rnd() < 0.5 ? (crlf ? '\r\n' : '\n') : '');
  }

  it('on 400 random well-formed files, in random chunk sizes', async () => {
    const rnd = seededRandom(42);
    for (let i = 0; i < 400; i++) {
      const text = randomValidCsv(rnd);
      const expected = parseSync(text, { bom: true, skip_empty_lines: true }) as string[][];
      const chunkSize = 1 + Math.floor(rnd() * 9);
      const got = await read(text, { chunkSize, allowEmpty: true }).catch((err: Error) => {
        throw new Error(`${JSON.stringify(text)} (chunks of ${chunkSize}): ${err.message}`);
      });
      expect([got.header, ...got.rows.map((r) => r.cells)], JSON.stringify(text)).toEqual(expected);
    }
  });

  it('on 400 random byte soups: both accept (with the same rows) or both reject', async () => {
    const rnd = seededRandom(4242);
    const soup = ['a', 'b', ',', '"', '\n', 'é'];
    for (let i = 0; i < 400; i++) {
      const nl = rnd() < 0.5 ? '\n' : '\r\n';
      let text = `h1,h2${nl}`;
      const len = Math.floor(rnd() * 30);
      for (let k = 0; k < len; k++) text += soup[Math.floor(rnd() * soup.length)]!.replace('\n', nl);
      let expected: string[][] | undefined;
      try {
        expected = parseSync(text, { skip_empty_lines: true }) as string[][];
      } catch {
        expected = undefined;
      }
      let got: string[][] | undefined;
      try {
        const r = await read(text, { allowEmpty: true, chunkSize: 1 + Math.floor(rnd() * 5) });
        got = [r.header, ...r.rows.map((x) => x.cells)];
      } catch (err) {
        expect(err).toBeInstanceOf(CsvFormatError);
        got = undefined;
      }
      expect(got, JSON.stringify(text)).toEqual(expected);
    }
  });
});
