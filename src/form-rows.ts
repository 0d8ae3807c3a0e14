import type { WordStream } from './document.js';

/** Slots of a table by form number (a power of two); numbers that share a slot take turns in it. */
export const FORM_SLOTS = 1 << 16;
/** Past this many forms, the cache of unnumbered forms is cleared and refilled. */
const MAX_UNNUMBERED = 100_000;

/** In a form's mark (`FormRows.marks`): its row has been worked out. */
export const WORKED_OUT = 0x80;
/** The bit of a mark that stands for this column and those after it (any of them not zero). */
const LAST_MARKED_COLUMN = 6;
/** Form numbers past this get no mark (a run would need millions of word forms). */
const MAX_MARKED = 1 << 22;

/** Work out the row of a word form (`width` numbers, zeroed) into `table` from `at`. */
export type FillRow = (key: string, lemma: string, table: Int32Array, at: number) => void;

/** A form's mark (`FormRows.marks`, without `WORKED_OUT`) from its row at `row` in `table`: below `WORKED_OUT`, and 0 only when the row is all zero. */
export type MarkRow = (table: Int32Array, row: number) => number;

/**
 * With the default mark (`nonZeroColumns`): false when `mark` shows column `column` of a
 * worked-out row to be zero; true when it may not be, or the row is not worked out (mark 0).
 */
export function mayBeNonZero(mark: number, column: number): boolean {
  return mark === 0 || (mark & (1 << Math.min(column, LAST_MARKED_COLUMN))) !== 0;
}

/** The default mark: bit `c` when column `c` of the row is not zero (bit 6: column 6 or a later one). */
function nonZeroColumns(width: number): MarkRow {
  return (table, row) => {
    let mark = 0;
    for (let column = 0; column < width; column++) if (table[row + column] !== 0) mark |= 1 << Math.min(column, LAST_MARKED_COLUMN);
    return mark;
  };
}

/**
 * Numbers worked out once per word form (a row of `width`), so that a word is looked up, not
 * tested again, each time it recurs. Forms numbered by their tokeniser (`scan.v1`) are kept in a
 * table by number, tied to one numbering (`formSpace`): a slot holds the number, then the row.
 * Other words are kept by form and lemma, and copied into a spare slot after the table when
 * asked for. A byte per form number (`marks`) tells which columns of its row are not zero: a
 * form whose row is all zero (most forms, for most rows) is answered from that byte, an array
 * of tens of KB that stays in the processor's caches, without reading its slot in the table (a
 * megabyte or more, read at random), which the tokeniser's work between documents pushes out.
 */
export class FormRows {
  /** The slots: a form's number, then its row; then the spare slot; then a row of zeros. */
  readonly table: Int32Array;
  /** By form number: `WORKED_OUT`, and the bits of its `MarkRow` (by default, bit `c` when column `c` of the row is not zero; bit 6: column 6 or later). Grown as numbers grow; 0: not worked out. */
  marks = new Uint8Array(FORM_SLOTS);
  /** Where a row of zeros starts in `table`. */
  readonly zeroRow: number;
  /** Numbers in a slot: `width + 1`. */
  private readonly slot: number;
  private space: number | undefined;
  private isNumbered = false;
  private readonly unnumbered = new Map<string, Int32Array>();

  constructor(
    readonly width: number,
    private readonly fill: FillRow,
    private readonly markRow: MarkRow = nonZeroColumns(width),
  ) {
    this.slot = width + 1;
    this.table = new Int32Array((FORM_SLOTS + 2) * this.slot);
    this.zeroRow = (FORM_SLOTS + 1) * this.slot + 1;
  }

  /** Ready the table for `words`; true when its words are numbered, so `rowOf` may look them up by number. */
  use(words: WordStream): boolean {
    this.isNumbered = words.formSpace !== undefined;
    if (this.isNumbered && words.formSpace !== this.space) {
      // Slots are written only under a numbering: a table that has had none is still zero, and its pages untouched.
      if (this.space !== undefined) [this.table, this.marks].forEach((numbers) => numbers.fill(0));
      this.space = words.formSpace;
    }
    return this.isNumbered;
  }

  /** Where the row of word `i` of `words` starts in `table` (call `use(words)` first). */
  rowOf(words: WordStream, i: number): number {
    const id = this.isNumbered ? words.formIds[i] : 0;
    if (id < this.marks.length && this.marks[id] === WORKED_OUT) return this.zeroRow;
    const slot = (id & (FORM_SLOTS - 1)) * this.slot;
    return id !== 0 && this.table[slot] === id ? slot + 1 : this.miss(words, i, id);
  }

  /** The mark of word `i` of `words` (see `marks`): 0 when its row is not worked out, or it has no number or no mark. */
  markOf(words: WordStream, i: number): number {
    const id = this.isNumbered ? words.formIds[i] : 0;
    return id < this.marks.length ? this.marks[id] : 0;
  }

  /** The row of word `i` when `table` does not hold it: worked out into its slot, or for number 0 copied into the spare slot. */
  private miss(words: WordStream, i: number, id: number): number {
    const key = words.keys[i];
    const lemma = words.lemmas[i];
    if (id !== 0) {
      const slot = (id & (FORM_SLOTS - 1)) * this.slot;
      this.table.fill(0, slot + 1, slot + this.slot);
      this.fill(key, lemma, this.table, slot + 1);
      this.table[slot] = id;
      this.mark(id, slot + 1);
      return slot + 1;
    }
    const cacheKey = key === lemma ? key : `${key}\u0000${lemma}`;
    let row = this.unnumbered.get(cacheKey);
    if (row === undefined) {
      row = new Int32Array(this.width);
      this.fill(key, lemma, row, 0);
      if (this.unnumbered.size >= MAX_UNNUMBERED) this.unnumbered.clear();
      this.unnumbered.set(cacheKey, row);
    }
    const spare = FORM_SLOTS * this.slot;
    this.table.set(row, spare + 1);
    return spare + 1;
  }

  /** Mark form `id`, whose row is at `row`. */
  private mark(id: number, row: number): void {
    if (id >= MAX_MARKED) return;
    if (id >= this.marks.length) {
      const grown = new Uint8Array(Math.min(MAX_MARKED, Math.max(this.marks.length * 2, id + 1)));
      grown.set(this.marks);
      this.marks = grown;
    }
    this.marks[id] = WORKED_OUT | this.markRow(this.table, row);
  }
}
