import { describe, expect, test } from 'vitest';
import { FORM_SLOTS, FormRows, WORKED_OUT } from '../../src/form-rows.js';
import { stream } from './helpers.js';

/** Rows of two columns: column 0 is 1 for "border", column 1 is 1 for words starting with "secur". */
function countingRows(): { rows: FormRows; filled: string[] } {
  const filled: string[] = [];
  const rows = new FormRows(2, (key, _lemma, table, at) => {
    filled.push(key);
    if (key === 'border') table[at] = 1;
    if (key.startsWith('secur')) table[at + 1] = 1;
  });
  return { rows, filled };
}

/** The row `rowOf` gives for word `i`. */
function rowAt(rows: FormRows, words: ReturnType<typeof stream>, i: number): number[] {
  const row = rows.rowOf(words, i);
  return Array.from(rows.table.subarray(row, row + rows.width));
}

describe('rows by word form', () => {
  test('a form whose row is all zero is answered from its mark; marks say which columns are not zero', () => {
    const { rows, filled } = countingRows();
    const text: [string, string][] = [['the', 'the'], ['border', 'border'], ['security', 'security'], ['the', 'the'], ['border', 'border']];
    const words = stream(text, [1, 2, 3, 1, 2], 7);
    rows.use(words);
    expect(text.map((_, i) => rowAt(rows, words, i))).toEqual([[0, 0], [1, 0], [0, 1], [0, 0], [1, 0]]);
    expect(filled).toEqual(['the', 'border', 'security']);
    const marked = stream([...text.slice(0, 3), ['asylum', 'asylum']], [1, 2, 3, 4], 7);
    expect([0, 1, 2, 3].map((i) => rows.markOf(marked, i))).toEqual([WORKED_OUT, WORKED_OUT | 1, WORKED_OUT | 2, 0]);
    expect(rows.rowOf(words, 0)).toBe(rows.zeroRow);
  });

  test('a row is worked out again when another number took its slot or the numbering changed, and a number past the marks is looked up in the table', () => {
    const { rows, filled } = countingRows();
    // 2 and 2 + FORM_SLOTS share a slot; 5,000,000 is past the marks.
    const text: [string, string][] = [['border', 'border'], ['securing', 'securing'], ['border', 'border'], ['the', 'the'], ['security', 'security'], ['security', 'security']];
    const ids = [2, 2 + FORM_SLOTS, 2, 3, 5_000_000, 5_000_000];
    const words = stream(text, ids, 7);
    rows.use(words);
    expect(text.map((_, i) => rowAt(rows, words, i))).toEqual([[1, 0], [0, 1], [1, 0], [0, 0], [0, 1], [0, 1]]);
    expect(filled).toEqual(['border', 'securing', 'border', 'the', 'security']);
    expect(rows.markOf(words, 4)).toBe(0);
    // Another numbering gives number 3 to "border": what was known of 3 is forgotten.
    const other = stream([['border', 'border']], [3], 8);
    rows.use(other);
    expect(rowAt(rows, other, 0)).toEqual([1, 0]);
    expect(filled.at(-1)).toBe('border');
    // Words without numbers are looked up by form, whatever the marks say.
    const unnumbered = stream([['security', 'security'], ['the', 'the']], [0, 0], undefined);
    rows.use(unnumbered);
    expect([0, 1].map((i) => rowAt(rows, unnumbered, i))).toEqual([[0, 1], [0, 0]]);
  });
});
