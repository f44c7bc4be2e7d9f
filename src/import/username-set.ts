// Duplicate detection for a million usernames in a few megabytes.
//
// Each username is reduced to a 64-bit hash (two independent 32-bit hashes computed in one pass)
// and stored in an open-addressing table of typed arrays together with the row it came from:
// 12 bytes per slot, 25 MB at a million rows, against ~100 MB for a Set of strings.
//
// Why there is no collision re-check: confirming a hash match would need the earlier username,
// i.e. keeping every string (the memory this avoids) or re-reading the file. With a well-mixed
// 64-bit hash the chance that any two distinct usernames of an n-row file collide is about
// n² / 2^65: 3·10^-8 for a million rows, 3·10^-6 for ten million. The consequence of that event
// is bounded and visible: the later row is reported invalid ("same username as row N", both row
// numbers given, so a person can check) and is not sent; no user is lost silently or duplicated.

const EMPTY = 0; // row numbers start at 2 (the header is row 1), so 0 marks a free slot
/** Linear probing stays short up to ~0.6 full. */
const MAX_LOAD = 0.6;

export class UsernameSet {
  private h1: Uint32Array;
  private h2: Uint32Array;
  private rows: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity * MAX_LOAD < expected) capacity *= 2;
    this.h1 = new Uint32Array(capacity);
    this.h2 = new Uint32Array(capacity);
    this.rows = new Uint32Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table. */
  get byteLength(): number {
    return this.h1.byteLength + this.h2.byteLength + this.rows.byteLength;
  }

  /**
   * Records `key` as seen on `row` (row ≥ 1). Returns 0 when the key is new, otherwise the row
   * where it was first seen (and records nothing).
   */
  addOrGet(key: string, row: number): number {
    // Two 32-bit hashes over UTF-16 code units: FNV-1a and a multiply-rotate hash with another
    // seed, each finished with an avalanche step (murmur3 fmix32).
    let a = 0x811c9dc5;
    let b = 0x9747b28c ^ key.length;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    a = fmix32(a);
    b = fmix32(b ^ 0x85ebca6b);
    const h1 = a >>> 0;
    const h2 = b >>> 0;
    let slot = h1 & this.mask;
    for (;;) {
      const r = this.rows[slot]!;
      if (r === EMPTY) break;
      if (this.h1[slot] === h1 && this.h2[slot] === h2) return r;
      slot = (slot + 1) & this.mask;
    }
    this.h1[slot] = h1;
    this.h2[slot] = h2;
    this.rows[slot] = row;
    this.count++;
    if (this.count > this.rows.length * MAX_LOAD) this.grow();
    return 0;
  }

  /** Sizes the table for `expected` entries now, instead of doubling (and copying) on the way. */
  reserve(expected: number): void {
    let capacity = this.rows.length;
    while (capacity * MAX_LOAD < expected) capacity *= 2;
    if (capacity > this.rows.length) this.grow(capacity);
  }

  private grow(capacity = this.rows.length * 2): void {
    const { h1, h2, rows } = this;
    this.h1 = new Uint32Array(capacity);
    this.h2 = new Uint32Array(capacity);
    this.rows = new Uint32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (r === EMPTY) continue;
      let slot = h1[i]! & this.mask;
      while (this.rows[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.h1[slot] = h1[i]!;
      this.h2[slot] = h2[i]!;
      this.rows[slot] = r;
    }
  }
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
