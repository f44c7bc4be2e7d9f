// Reads stdin one line at a time on demand: `--password-stdin` takes the first line, a new
// password the second, and `mfa enroll -o json` reads its code only after printing the secret.
import type { Interface } from 'node:readline';
import type { Readable } from 'node:stream';

export class StdinLines {
  private reader?: Interface;
  private iterator?: AsyncIterator<string>;
  private ended = false;

  /** `stdin` is asked for the stream on first read: Node opens process.stdin on first use. */
  constructor(private readonly stdin: () => Readable) {}

  /** The next line without its line ending, or undefined at end of input. */
  async next(): Promise<string | undefined> {
    if (this.ended) return undefined;
    if (!this.iterator) {
      // Loaded on first use: most commands never read stdin.
      const { createInterface } = await import('node:readline');
      this.reader = createInterface({ input: this.stdin(), crlfDelay: Infinity, terminal: false });
      this.iterator = this.reader[Symbol.asyncIterator]();
    }
    const result = await this.iterator.next();
    if (result.done) {
      this.ended = true;
      return undefined;
    }
    return result.value;
  }

  close(): void {
    this.reader?.close();
  }
}
