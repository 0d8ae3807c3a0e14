import type { Token } from './document.js';

/** Bits of a token's flags. */
const WORD = 1;
const NEGATED = 2;

/**
 * A document's tokens, kept as columns: a run reads only the offsets of the tokens it reports
 * and never needs a token as an object. An object per token is an allocation per token, and
 * many of them, alive while their document is scored, outlive V8's young generation and call
 * for full collections (BENCHMARKS.md). `at(i)` and iterating give tokens as `Token` objects,
 * made when asked for.
 */
export class TokenList implements Iterable<Token> {
  /** @internal Use `TokenList.of`, or a tokeniser. */
  constructor(
    protected count: number,
    protected starts: Int32Array,
    protected ends: Int32Array,
    protected norms: string[],
    protected lemmas: string[],
    protected flags: Uint8Array,
    protected formIds: Int32Array,
  ) {}

  /** How many tokens. */
  get length(): number {
    return this.count;
  }

  /** A list of these tokens. */
  static of(tokens: readonly Token[]): TokenList {
    const columns = new TokenColumns();
    for (const token of tokens) columns.add(token.start, token.end, token.norm, token.lemma, token.isWord, token.isNegated, token.formId ?? 0);
    return columns.list([[0, columns.length]]);
  }

  /** Where token `i` starts in the text (a character offset). */
  start(i: number): number {
    return this.starts[i];
  }

  /** Where token `i` ends in the text (exclusive). */
  end(i: number): number {
    return this.ends[i];
  }

  /** Token `i`'s normal form (`Token.norm`). */
  norm(i: number): string {
    return this.norms[i];
  }

  /** Token `i`'s lemma (`Token.lemma`). */
  lemma(i: number): string {
    return this.lemmas[i];
  }

  /** True when token `i` is a word (`Token.isWord`). */
  isWord(i: number): boolean {
    return (this.flags[i] & WORD) !== 0;
  }

  /** True when token `i` is in a negation's scope (`Token.isNegated`). */
  isNegated(i: number): boolean {
    return (this.flags[i] & NEGATED) !== 0;
  }

  /** The tokeniser's number for token `i`'s form (`Token.formId`; 0: none). */
  formId(i: number): number {
    return this.formIds[i];
  }

  /** Token `index` as an object (a negative index counts from the end, as `Array.prototype.at`); undefined outside the list. */
  at(index: number): Token | undefined {
    const i = index < 0 ? this.length + index : index;
    if (!Number.isInteger(i) || i < 0 || i >= this.length) return undefined;
    return { start: this.starts[i], end: this.ends[i], norm: this.norms[i], lemma: this.lemma(i), isWord: this.isWord(i), isNegated: this.isNegated(i), formId: this.formIds[i] };
  }

  /** Every token as an object, in order. */
  toArray(): Token[] {
    return Array.from(this);
  }

  /** `JSON.stringify` writes the tokens as an array of objects. */
  toJSON(): Token[] {
    return this.toArray();
  }

  *[Symbol.iterator](): Iterator<Token> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }
}

/** Tokens (or words) a thread's columns keep room for between documents; a larger document's room is given back after it. */
export const KEPT_CAPACITY = 1 << 20;

/**
 * A longer column holding `column` at its start: twice as long up to `KEPT_CAPACITY`, half as
 * long again beyond it, so a very large document's columns are at most a third empty and their
 * growth holds the old column and one half as long again, not twice.
 */
export function grown<T extends Int32Array | Uint8Array>(column: T): T {
  const length = column.length < KEPT_CAPACITY ? column.length * 2 : Math.ceil(column.length * 1.5);
  const larger = new (column.constructor as new (length: number) => T)(length);
  larger.set(column);
  return larger;
}

/**
 * An empty column of `length`, in place of `column` (emptied for a new document): a very large
 * document's columns sized once from its length, not grown from the kept size step by step
 * (each step holds the old column and the new one at once).
 */
export function reserved<T extends Int32Array | Uint8Array>(column: T, length: number): T {
  return length > column.length ? new (column.constructor as new (length: number) => T)(length) : column;
}

/** True when columns of this capacity are given back after their document (`KEPT_CAPACITY`), so they can be handed over to it rather than copied. */
export function isGivenBack(capacity: number): boolean {
  return capacity > KEPT_CAPACITY;
}

/**
 * Tokens as a tokeniser finds them, in growing columns (the list of the tokens so far). One set
 * per thread is reused from document to document (tokenising is synchronous); `list` copies a
 * document's tokens out, or hands a large document its columns (`isGivenBack`). The lemma
 * column is written only from the first token whose lemma is not its form (`scan.v1` has none).
 */
export class TokenColumns extends TokenList {
  /** True once a token's lemma differs from its form (since the columns were emptied): `lemmas` holds every token's lemma. */
  private hasLemmas = false;

  constructor() {
    super(0, new Int32Array(4096), new Int32Array(4096), [], [], new Uint8Array(4096), new Int32Array(4096));
  }

  /** This thread's columns, emptied for a new document; with room for `expected` tokens when that is more than is kept between documents (`reserved`). */
  static forDocument(expected = 0): TokenColumns {
    TokenColumns.giveBackRoom();
    THREAD_COLUMNS.count = 0;
    THREAD_COLUMNS.hasLemmas = false;
    if (isGivenBack(expected)) [THREAD_COLUMNS.starts, THREAD_COLUMNS.ends, THREAD_COLUMNS.formIds, THREAD_COLUMNS.flags] = [reserved(THREAD_COLUMNS.starts, expected), reserved(THREAD_COLUMNS.ends, expected), reserved(THREAD_COLUMNS.formIds, expected), reserved(THREAD_COLUMNS.flags, expected)];
    return THREAD_COLUMNS;
  }

  add(start: number, end: number, norm: string, lemma: string, isWord: boolean, isNegated: boolean, formId: number): void {
    const at = this.count;
    if (at === this.starts.length) this.grow();
    this.starts[at] = start;
    this.ends[at] = end;
    this.flags[at] = (isWord ? WORD : 0) | (isNegated ? NEGATED : 0);
    this.formIds[at] = formId;
    this.norms[at] = norm;
    if (this.hasLemmas) this.lemmas[at] = lemma;
    else if (lemma !== norm) {
      this.hasLemmas = true;
      for (let i = 0; i < at; i++) this.lemmas[i] = this.norms[i];
      this.lemmas[at] = lemma;
    }
    this.count = at + 1;
  }

  override lemma(i: number): string {
    return this.hasLemmas ? this.lemmas[i] : this.norms[i];
  }

  /** Tokens from `from` on are not negated (a negation window withdrawn once they were read). */
  clearNegated(from: number): void {
    for (let at = from; at < this.count; at++) this.flags[at] &= ~NEGATED;
  }

  /** Give back the room a large document took (`KEPT_CAPACITY`), once its tokens are copied out (`list`): its columns are not kept while it is scored. */
  static giveBackRoom(): void {
    if (isGivenBack(THREAD_COLUMNS.starts.length)) THREAD_COLUMNS = new TokenColumns();
  }

  /** Drop the tokens from `length` on. */
  truncate(length: number): void {
    this.count = Math.min(this.count, length);
  }

  /**
   * The tokens of `runs` (`[from, to)` each, in order), one after another, as a list of their own.
   * The tokeniser gives runs that meet as one (when every paragraph is scored, one run), so the
   * string columns are copied with one slice. Columns to be given back (`isGivenBack`) that hold
   * just the tokens of one run from the first are handed over whole, not copied (a copy of a
   * very large document's columns would hold them twice at once), and these columns start again empty.
   */
  list(runs: readonly (readonly [from: number, to: number])[]): TokenList {
    let size = 0;
    for (const [from, to] of runs) size += to - from;
    if (isGivenBack(this.starts.length) && runs.length === 1 && runs[0][0] === 0) return this.handOver(size);
    // One buffer for the number columns.
    const numbers = new Int32Array(size * 3);
    const [starts, ends, formIds] = [numbers.subarray(0, size), numbers.subarray(size, size * 2), numbers.subarray(size * 2)];
    const flags = new Uint8Array(size);
    let at = 0;
    for (const [from, to] of runs) {
      starts.set(this.starts.subarray(from, to), at);
      ends.set(this.ends.subarray(from, to), at);
      formIds.set(this.formIds.subarray(from, to), at);
      flags.set(this.flags.subarray(from, to), at);
      at += to - from;
    }
    const strings = (column: readonly string[]): string[] => {
      if (runs.length === 1) return column.slice(runs[0][0], runs[0][1]);
      const copy: string[] = [];
      for (const [from, to] of runs) for (let i = from; i < to; i++) copy.push(column[i]);
      return copy;
    };
    const norms = strings(this.norms);
    // A tokeniser without lemmas (`scan.v1`) gives every token its form as lemma: one column serves.
    return new TokenList(size, starts, ends, norms, this.hasLemmas ? strings(this.lemmas) : norms, flags, formIds);
  }

  /** The first `size` tokens as a list over these columns, which start again empty. */
  private handOver(size: number): TokenList {
    const norms = this.norms;
    norms.length = size;
    const lemmas = this.hasLemmas ? this.lemmas : norms;
    lemmas.length = size;
    const list = new TokenList(size, this.starts.subarray(0, size), this.ends.subarray(0, size), norms, lemmas, this.flags.subarray(0, size), this.formIds.subarray(0, size));
    const empty = new TokenColumns();
    [this.starts, this.ends, this.norms, this.lemmas, this.flags, this.formIds] = [empty.starts, empty.ends, empty.norms, empty.lemmas, empty.flags, empty.formIds];
    [this.count, this.hasLemmas] = [0, false];
    return list;
  }

  private grow(): void {
    [this.starts, this.ends, this.formIds] = [grown(this.starts), grown(this.ends), grown(this.formIds)];
    this.flags = grown(this.flags);
  }
}

let THREAD_COLUMNS = new TokenColumns();
