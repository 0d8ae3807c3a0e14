import { isWhiteSpace } from '../white-space.js';

/** Bytes of one part of a `Utf8Writer`'s output (at least). */
const PART_BYTES = 1 << 20;
/** Room a writer writes its parts in, copied out as they are closed: kept for the next writer (writers are used one at a time). */
let spare: Uint8Array | undefined;

/**
 * UTF-8 text written straight into bytes, a part of about a megabyte at a time: for tables of
 * many short rows made from a document's text, where joining strings and encoding them with
 * `Buffer.from` costs more than the rows' own work. Writes as `Buffer.from(string)` encodes: a
 * surrogate without its pair becomes U+FFFD.
 */
export class Utf8Writer {
  private readonly parts: Uint8Array[] = [];
  private bytes: Uint8Array;
  private at = 0;

  constructor() {
    this.bytes = spare ?? new Uint8Array(PART_BYTES);
    spare = undefined;
  }

  /** Make room for `size` more bytes: the part is closed first when they would not fit. */
  reserve(size: number): void {
    if (this.at + size <= this.bytes.length) return;
    this.close();
    if (size > this.bytes.length) this.bytes = new Uint8Array(Math.max(size, PART_BYTES));
  }

  /** A comma. */
  comma(): void {
    this.reserve(1);
    this.bytes[this.at++] = 0x2c;
  }

  /** Bytes as they are. */
  raw(bytes: Uint8Array): void {
    const size = bytes.length;
    this.reserve(size);
    // A few bytes (most cells) are copied faster one by one than by `set`.
    if (size > 32) this.bytes.set(bytes, this.at);
    else for (let i = 0; i < size; i++) this.bytes[this.at + i] = bytes[i];
    this.at += size;
  }

  /** A whole number from 0 to 2³¹ − 1, in decimal. */
  digits(value: number): void {
    let size = 1;
    for (let rest = value; rest >= 10; rest = (rest / 10) | 0) size += 1;
    this.reserve(size);
    for (let at = this.at + size - 1; at >= this.at; at--, value = (value / 10) | 0) this.bytes[at] = 0x30 + (value % 10);
    this.at += size;
  }

  /** A string. */
  text(value: string): void {
    this.range(value, 0, value.length);
  }

  /**
   * Characters `[from, to)` of `text`. With `isFlat`, each run of white space (`\s`) is written
   * as one space; with `isQuoted`, each `"` twice.
   */
  range(text: string, from: number, to: number, isFlat = false, isQuoted = false): void {
    this.reserve(3 * (to - from));
    const { bytes } = this;
    let at = this.at;
    for (let i = from; i < to; i++) {
      const code = text.charCodeAt(i);
      // Most characters: printable ASCII other than a space or a quote, written as they are.
      if (code > 0x22 && code < 0x80) {
        bytes[at++] = code;
        continue;
      }
      if (isFlat && isWhiteSpace(code)) {
        while (i + 1 < to && isWhiteSpace(text.charCodeAt(i + 1))) i += 1;
        bytes[at++] = 0x20;
      } else if (code < 0x80) {
        if (code === 0x22 && isQuoted) bytes[at++] = 0x22;
        bytes[at++] = code;
      } else if (code < 0x800) {
        bytes[at++] = 0xc0 | (code >> 6);
        bytes[at++] = 0x80 | (code & 0x3f);
      } else if (code < 0xd800 || code > 0xdfff) {
        at = threeBytes(bytes, at, code);
      } else {
        const next = i + 1 < to ? text.charCodeAt(i + 1) : 0;
        if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          bytes[at++] = 0xf0 | (point >> 18);
          bytes[at++] = 0x80 | ((point >> 12) & 0x3f);
          bytes[at++] = 0x80 | ((point >> 6) & 0x3f);
          bytes[at++] = 0x80 | (point & 0x3f);
          i += 1;
        } else at = threeBytes(bytes, at, 0xfffd);
      }
    }
    this.at = at;
  }

  /** The parts written, in order; the writer is empty after. */
  finish(): Uint8Array[] {
    this.close();
    if (this.bytes.length === PART_BYTES) spare = this.bytes;
    this.bytes = new Uint8Array(0);
    return this.parts.splice(0);
  }

  private close(): void {
    if (this.at === 0) return;
    this.parts.push(this.bytes.slice(0, this.at));
    this.at = 0;
  }
}

function threeBytes(bytes: Uint8Array, at: number, code: number): number {
  bytes[at] = 0xe0 | (code >> 12);
  bytes[at + 1] = 0x80 | ((code >> 6) & 0x3f);
  bytes[at + 2] = 0x80 | (code & 0x3f);
  return at + 3;
}
