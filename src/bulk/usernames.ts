// The input of the `--from-file` user verbs: usernames one per line, or what `user list` prints
// (`-o ndjson`, `-o json`, `-o csv`), of which the `username` field or column is used. The format
// is told from the first line. Lines, ndjson and CSV are streamed; a JSON array is read whole (it is
// one document), which is what `user list -o json` wrote in memory anyway.
//
// Each item keeps its line (the record's number in the input: the journal's key) and the cells
// written to the failures file: for CSV the row as read, otherwise the username alone under a
// `username` header, so that a failures file is itself an input that re-runs as is.
import fs from 'node:fs';
import { createInterface } from 'node:readline';
import type { BulkItem } from './engine.js';
import { ImportUsageError } from './errors.js';
import { openCsv } from '../import/csv-source.js';

export type UsernameFormat = 'lines' | 'ndjson' | 'json' | 'csv';

export interface UsernameItem extends BulkItem {
  /** Empty when the record has no username (the item is then invalid). */
  username: string;
  /** Why there is no username, for the failures file. */
  problem?: string;
}

export interface UsernameInput {
  format: UsernameFormat;
  /** The failures file's header. */
  header: readonly string[];
  items(): AsyncGenerator<UsernameItem[]>;
}

const BATCH = 256;

async function firstLine(file: string): Promise<string | undefined> {
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of reader) {
      const text = line.replace(/^\uFEFF/, '').trim();
      if (text !== '' && !text.startsWith('#')) return text;
    }
    return undefined;
  } finally {
    reader.close();
    stream.destroy();
  }
}

function csvHeaderHasUsername(line: string): boolean {
  return line.split(',').some((cell) => cell.trim().replace(/^"|"$/g, '').toLowerCase() === 'username');
}

/** Looks at the first line and returns the matching reader. Throws ImportUsageError for an unusable file. */
export async function openUsernames(file: string, label = file): Promise<UsernameInput> {
  let first: string | undefined;
  try {
    first = await firstLine(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ImportUsageError(`cannot read ${label}: ${code ?? (err as Error).message}`, { code: 'InputNotReadable' });
  }
  const single: readonly string[] = ['username'];
  // Nothing to do is not an error: a nightly clean-up whose `user list` finds nobody must pass.
  if (first === undefined) return { format: 'lines', header: single, items: () => lineItems(file, label, false) };
  if (first.startsWith('[')) return { format: 'json', header: single, items: () => jsonItems(file, label) };
  if (first.startsWith('{')) return { format: 'ndjson', header: single, items: () => lineItems(file, label, true) };
  if (first.includes(',') && csvHeaderHasUsername(first)) {
    // Each pass (the count, then the run) reads the file again.
    const { header } = await openCsv(file);
    const index = header.findIndex((h) => h.trim().toLowerCase() === 'username');
    return { format: 'csv', header, items: () => csvItems(file, index) };
  }
  if (first.toLowerCase() === 'username') {
    // A one-column CSV (a failures file of lines input has more columns; this is a plain header).
    return { format: 'lines', header: single, items: () => lineItems(file, label, false, true) };
  }
  return { format: 'lines', header: single, items: () => lineItems(file, label, false) };
}

function fromRecord(value: unknown): { username: string; problem?: string } {
  if (typeof value === 'string') return { username: value.trim() };
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const name = record.username ?? record.Username;
    if (typeof name === 'string' && name.trim() !== '') return { username: name.trim() };
  }
  return { username: '', problem: 'no username field' };
}

async function* lineItems(file: string, label: string, json: boolean, skipHeader = false): AsyncGenerator<UsernameItem[]> {
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  let batch: UsernameItem[] = [];
  let headerSkipped = !skipHeader;
  try {
    for await (const raw of reader) {
      line++;
      const text = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
      if (text === '' || text.startsWith('#')) continue;
      if (!headerSkipped) {
        headerSkipped = true;
        continue;
      }
      let found: { username: string; problem?: string };
      if (json) {
        try {
          found = fromRecord(JSON.parse(text));
        } catch {
          found = { username: '', problem: `${label} line ${line} is not JSON` };
        }
      } else {
        found = { username: text };
      }
      // A record without a username keeps an empty cell (it stays invalid when re-run) and is quoted in the message.
      if (found.problem) found.problem = `${found.problem}: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
      batch.push({ line, cells: [found.username], ...found });
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    reader.close();
    stream.destroy();
  }
}

async function* jsonItems(file: string, label: string): AsyncGenerator<UsernameItem[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.promises.readFile(file, 'utf8'));
  } catch (err) {
    throw new ImportUsageError(`${label} is not a JSON document: ${(err as Error).message}`, { code: 'InvalidJson' });
  }
  if (!Array.isArray(parsed)) throw new ImportUsageError(`${label}: expected a JSON array of users`, { code: 'InvalidJson' });
  for (let start = 0; start < parsed.length; start += BATCH) {
    yield parsed.slice(start, start + BATCH).map((value, i) => {
      const found = fromRecord(value);
      return { line: start + i + 1, cells: [found.username], ...found };
    });
  }
}

async function* csvItems(file: string, index: number): AsyncGenerator<UsernameItem[]> {
  for await (const rows of (await openCsv(file)).batches()) {
    yield rows.map((row) => {
      const username = (row.cells[index] ?? '').trim();
      return { line: row.line, cells: row.cells, username, problem: username ? undefined : 'the username column is empty' };
    });
  }
}
