import { describe, expect, it } from 'vitest';
import { Writable, PassThrough } from 'node:stream';
import { Output } from '../../../src/io/output.js';
import type { OutputFormat } from '../../../src/config/settings.js';

function capture(format: OutputFormat, quiet = false) {
  const out = { text: '' };
  const err = { text: '' };
  const sink = (target: { text: string }) =>
    new Writable({ write(chunk, _e, done) { target.text += chunk.toString(); done(); } });
  const output = new Output({ stdin: new PassThrough(), stdout: sink(out), stderr: sink(err) }, { format, color: false, quiet });
  return { output, out, err };
}

const columns = [
  { header: 'NAME', get: (r: { name: string; n: number }) => r.name },
  { header: 'N', get: (r: { name: string; n: number }) => r.n },
];
const rows = [{ name: 'ann', n: 1 }, { name: '=cmd()', n: 2 }];

async function* slowly<T>(items: T[], seen: string[]) {
  for (const item of items) {
    seen.push('yield');
    yield item;
  }
}

describe('Output', () => {
  it('streams ndjson one object per line as items arrive', async () => {
    const { output, out } = capture('ndjson');
    const seen: string[] = [];
    await output.list(slowly(rows, seen), columns);
    expect(out.text.trim().split('\n').map((l) => JSON.parse(l))).toEqual(rows);
  });

  it('prints a json array, a csv with neutralised formulas, tab-separated text and a table', async () => {
    const json = capture('json');
    await json.output.list(rows, columns);
    expect(JSON.parse(json.out.text)).toEqual(rows);

    const csv = capture('csv');
    await csv.output.list(rows, columns);
    expect(csv.out.text).toBe("NAME,N\nann,1\n'=cmd(),2\n");

    const text = capture('text');
    await text.output.list(rows, columns);
    expect(text.out.text).toBe('ann\t1\n=cmd()\t2\n');

    const table = capture('table');
    await table.output.list(rows, columns);
    expect(table.out.text).toMatch(/NAME.*N/);
    expect(table.out.text).toMatch(/ann.*1/);
  });

  it('keeps stdout for data: notes, warnings and done-messages go to stderr', async () => {
    const { output, out, err } = capture('table');
    output.note('working');
    output.warn('careful');
    output.done('deleted x', { deleted: 'x' });
    expect(out.text).toBe('');
    expect(err.text).toBe('working\nwarning: careful\n✓ deleted x\n');

    const json = capture('json');
    json.output.done('deleted x', { deleted: 'x' });
    expect(JSON.parse(json.out.text)).toEqual({ deleted: 'x' });
    expect(json.err.text).toBe('');
  });

  it('silences notes with --quiet but not warnings', () => {
    const { output, err } = capture('table', true);
    output.note('working');
    output.warn('careful');
    expect(err.text).toBe('warning: careful\n');
  });

  it('drops the SDK $metadata and prints dates as ISO strings', () => {
    const { output, out } = capture('json');
    output.record({ $metadata: { requestId: 'r' }, When: new Date('2026-01-02T03:04:05Z') });
    expect(JSON.parse(out.text)).toEqual({ When: '2026-01-02T03:04:05.000Z' });
  });

  it('says (none) on stderr for an empty table and prints nothing on stdout', async () => {
    const { output, out, err } = capture('table');
    expect(await output.list([], columns)).toBe(0);
    expect(out.text).toBe('');
    expect(err.text).toBe('(none)\n');
  });
});
