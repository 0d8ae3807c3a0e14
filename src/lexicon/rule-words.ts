import { compareText } from '../compare-text.js';
import type { WordStream } from '../document.js';
import { FormRows, mayBeNonZero } from '../form-rows.js';
import { prefixesByFirstChar, stepSetMatches, type WordStepSet } from './word-step.js';

/** Sets with a bit in a word form's row; a set numbered after these is tested word by word (rows stay small however many rules a lexicon has). */
const MAX_BITS = 256;

/**
 * The word sets of a lexicon's rules (the words of a proximity rule, every word of an entry's
 * exclusion phrases), each numbered. A word form's row holds a bit for each of the first
 * `MAX_BITS` sets it is in, worked out once per form from an index of those sets by form, lemma
 * and prefix, so a rule asks of a word in its window one bit, not a test of the word against
 * the set.
 */
export class RuleWords {
  private readonly sets: WordStepSet[] = [];
  private readonly numbers = new Map<string, number>();
  private forms?: FormRows;

  /** The number of `set` (sets with the same forms, lemmas and prefixes share one). Number every set before `use`. */
  numberOf(set: WordStepSet): number {
    if (this.forms) throw new Error('rule words: a set numbered after the rows were built');
    const sorted = (values: Iterable<string>) => [...values].sort(compareText);
    const key = JSON.stringify([sorted(set.forms), sorted(set.lemmas), sorted(set.prefixes)]);
    let number = this.numbers.get(key);
    if (number === undefined) {
      number = this.sets.push(set) - 1;
      this.numbers.set(key, number);
    }
    return number;
  }

  /** Ready the rows for `words` (see `FormRows.use`). */
  use(words: WordStream): void {
    this.forms ??= rowsOf(this.sets.slice(0, MAX_BITS));
    this.forms.use(words);
  }

  /** True when word `at` of `words` is in the set numbered `set` (after `use(words)`). */
  has(words: WordStream, at: number, set: number): boolean {
    if (set >= MAX_BITS) return stepSetMatches(this.sets[set], words.keys[at], words.lemmas[at]);
    const forms = this.forms!;
    const column = set >>> 5;
    // Most words of a rule's window are in no set of the column, as their mark shows: their row, read at random from a table of megabytes, is not read.
    if (!mayBeNonZero(forms.markOf(words, at), column)) return false;
    return (forms.table[forms.rowOf(words, at) + column] & (1 << (set & 31))) !== 0;
  }

  /** Room for a word's bits, for `copyBits` (once every set is numbered). */
  newBits(): Int32Array {
    return new Int32Array(rowWidth(Math.min(this.sets.length, MAX_BITS)));
  }

  /** Copy the bits of word `at` of `words` into `bits` (`newBits`), to test it against many sets (a row of them made with `setBit`) after one lookup. */
  copyBits(words: WordStream, at: number, bits: Int32Array): void {
    const { table } = this.forms!;
    const row = this.forms!.rowOf(words, at);
    for (let i = 0; i < bits.length; i++) bits[i] = table[row + i];
  }

  /** Set the bit of set `set` in `bits` (`newBits`); false, leaving `bits` as they are, when the set has no bit in a word's row (it is tested word by word). */
  setBit(bits: Int32Array, set: number): boolean {
    if (set >= MAX_BITS) return false;
    bits[set >>> 5] |= 1 << (set & 31);
    return true;
  }
}

/** Rows of one bit per set: a word is in a set when its form is one of the set's forms, its lemma one of its lemmas, or it starts with one of its prefixes. */
function rowsOf(sets: readonly WordStepSet[]): FormRows {
  const byForm = new Map<string, number[]>();
  const byLemma = new Map<string, number[]>();
  const byPrefix = new Map<string, number[]>();
  const note = (index: Map<string, number[]>, value: string, bit: number) => {
    const bits = index.get(value);
    if (bits === undefined) index.set(value, [bit]);
    else if (!bits.includes(bit)) bits.push(bit);
  };
  sets.forEach((set, bit) => {
    for (const form of set.forms) note(byForm, form, bit);
    for (const lemma of set.lemmas) note(byLemma, lemma, bit);
    for (const prefix of set.prefixes) note(byPrefix, prefix, bit);
  });
  const prefixesByFirst = prefixesByFirstChar(byPrefix);
  // A bare `*` is a prefix of every word.
  const everyWord = byPrefix.get('');
  const setBits = (bits: readonly number[] | undefined, table: Int32Array, at: number) => {
    if (bits) for (const bit of bits) table[at + (bit >>> 5)] |= 1 << (bit & 31);
  };
  return new FormRows(rowWidth(sets.length), (key, lemma, table, at) => {
    setBits(byForm.get(key), table, at);
    setBits(byLemma.get(lemma), table, at);
    setBits(everyWord, table, at);
    for (const [prefix, bits] of prefixesByFirst.get(key.charCodeAt(0)) ?? []) if (key.startsWith(prefix)) setBits(bits, table, at);
  });
}

/** Numbers in a row of bits for `sets` sets. */
function rowWidth(sets: number): number {
  return Math.max(1, Math.ceil(sets / 32));
}
