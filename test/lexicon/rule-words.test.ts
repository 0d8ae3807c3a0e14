import { describe, expect, test } from 'vitest';
import type { WordStream } from '../../src/document.js';
import { FORM_SLOTS, FormRows } from '../../src/form-rows.js';
import { RuleWords } from '../../src/lexicon/rule-words.js';
import { makeWordStep, mergeWordSteps, stepMatches, type WordStep } from '../../src/lexicon/word-step.js';
import { stream } from './helpers.js';

const WORDS: readonly (readonly [string, string])[] = [
  ['refugees', 'refugee'],
  ['refugee', 'refugee'],
  ['securitisation', 'securitisation'],
  ['security', 'security'],
  ['secure', 'secure'],
  ['children', 'child'],
  ['child', 'child'],
  // A form no inflection of "child" gives, found by its lemma alone.
  ['kids', 'child'],
  ['borders', 'border'],
  ['the', 'the'],
  ['rights', 'right'],
  ['righteous', 'righteous'],
];

/** Forty step lists (more sets than one 32-bit word holds) of forms, lemmas and prefixes, then three of them again. */
function stepLists(): WordStep[][] {
  const word = (text: string, isInflected: boolean) => makeWordStep(text, { isInflected });
  const lists: WordStep[][] = [];
  for (let i = 0; i < 40; i++) {
    const pick = [word('refugee', i % 2 === 0), word('secur*', false), word('child', true), word('border', i % 3 === 0), word('right', false), word('righ*', false)];
    lists.push(pick.filter((_, k) => ((i + 1) >> k) & 1));
  }
  // The same steps again, built anew.
  return [...lists, ...[0, 5, 39].map((i) => lists[i].map((step) => ({ ...step })))];
}

describe('rule words', () => {
  test('a word is in a set exactly when it matches one of the set’s steps, numbered or not, however numbers share slots', () => {
    const lists = stepLists();
    const rules = new RuleWords();
    const numbers = lists.map((steps) => rules.numberOf(mergeWordSteps(steps)));
    // Lists of the same steps share a number; there are more sets than bits in one 32-bit number.
    expect(new Set(numbers).size).toBeLessThan(lists.length);
    expect(Math.max(...numbers)).toBeGreaterThan(31);
    const expected = lists.map((steps) => WORDS.map(([key, lemma]) => steps.some((step) => stepMatches(step, key, lemma))));
    const numbered = WORDS.map((_, i) => i + 1);
    // Numbers that share a slot with another word's number, so each lookup finds the other form there.
    const sharing = WORDS.map((_, i) => i + 1 + (i % 2) * FORM_SLOTS);
    const streams = [stream(WORDS, numbered, 7), stream(WORDS, sharing, 7), stream(WORDS, [...numbered].reverse(), 8), stream(WORDS, new Array(WORDS.length).fill(0), 8), stream(WORDS, numbered, undefined)];
    for (const [index, words] of streams.entries()) {
      for (let pass = 0; pass < 2; pass++) {
        rules.use(words);
        const found = lists.map((_, set) => WORDS.map((__, at) => rules.has(words, at, numbers[set])));
        expect(found, `stream ${index}, pass ${pass}`).toEqual(expected);
      }
    }
  });

  test('a bare * is a prefix of every word, beside prefixes tested by their first letter', () => {
    const rules = new RuleWords();
    const word = (text: string) => makeWordStep(text, { isInflected: false });
    const every = rules.numberOf(mergeWordSteps([word('*')]));
    const some = rules.numberOf(mergeWordSteps([word('secur*'), word('righ*')]));
    const words = stream(WORDS, WORDS.map((_, i) => i + 1), 3);
    rules.use(words);
    expect(WORDS.map((_, at) => rules.has(words, at, every))).toEqual(WORDS.map(() => true));
    expect(WORDS.map((_, at) => rules.has(words, at, some))).toEqual(WORDS.map(([key]) => key.startsWith('secur') || key.startsWith('righ')));
  });

  test('sets past those with a bit in the rows are tested word by word, with the same answers', () => {
    const rules = new RuleWords();
    const word = (text: string) => makeWordStep(text, { isInflected: false });
    // 300 sets: one word each, and every tenth also a prefix that many words start with.
    const lists = Array.from({ length: 300 }, (_, i) => (i % 10 === 0 ? [word(`w${i}`), word('secur*')] : [word(`w${i}`)]));
    const numbers = lists.map((steps) => rules.numberOf(mergeWordSteps(steps)));
    expect(numbers).toEqual(lists.map((_, i) => i));
    const text: [string, string][] = [['w5', 'w5'], ['w280', 'w280'], ['security', 'security'], ['w299', 'w299'], ['the', 'the']];
    const words = stream(text, text.map((_, i) => i + 1), 2);
    rules.use(words);
    for (const [set, steps] of lists.entries()) {
      expect(text.map((_, at) => rules.has(words, at, numbers[set])), `set ${set}`).toEqual(text.map(([key, lemma]) => steps.some((step) => stepMatches(step, key, lemma))));
    }
  });

  test('a set is numbered only before the rows are built', () => {
    const rules = new RuleWords();
    rules.numberOf(mergeWordSteps([makeWordStep('border', { isInflected: false })]));
    rules.use(stream(WORDS, WORDS.map((_, i) => i + 1), 1));
    expect(() => rules.numberOf(mergeWordSteps([makeWordStep('child', { isInflected: false })]))).toThrow(/after the rows/);
  });
});

describe('form rows', () => {
  test('a row is worked out once per form and numbering, and again when its slot was taken or the numbering changed', () => {
    const filled: string[] = [];
    const rows = new FormRows(2, (key, lemma, table, at) => {
      filled.push(key);
      table[at] = key.length;
      table[at + 1] = lemma.length;
    });
    const words = stream(WORDS, WORDS.map((_, i) => i + 1), 3);
    const read = (on: WordStream) => on.keys.map((_, i) => [rows.table[rows.rowOf(on, i)], rows.table[rows.rowOf(on, i) + 1]]);
    const lengths = WORDS.map(([key, lemma]) => [key.length, lemma.length]);
    expect(rows.use(words)).toBe(true);
    expect(read(words)).toEqual(lengths);
    expect(read(words)).toEqual(lengths);
    expect(filled).toEqual(WORDS.map(([key]) => key));
    // The first word's number is taken by another form in the same slot, then given back.
    const rival = stream([['asylum', 'asylum']], [1 + FORM_SLOTS], 3);
    rows.use(rival);
    expect(read(rival)).toEqual([[6, 6]]);
    rows.use(words);
    expect(read(words)).toEqual(lengths);
    expect(filled.slice(WORDS.length)).toEqual(['asylum', 'refugees']);
    // Another numbering empties the table; unnumbered words are kept by form and lemma.
    filled.length = 0;
    expect(rows.use(stream(WORDS, WORDS.map((_, i) => i + 1), 4))).toBe(true);
    expect(read(stream(WORDS, WORDS.map((_, i) => i + 1), 4))).toEqual(lengths);
    const plain = stream(WORDS, WORDS.map((_, i) => i + 1), undefined);
    expect(rows.use(plain)).toBe(false);
    expect(read(plain)).toEqual(lengths);
    expect(read(plain)).toEqual(lengths);
    expect(filled).toEqual([...WORDS.map(([key]) => key), ...WORDS.map(([key]) => key)]);
  });
});
