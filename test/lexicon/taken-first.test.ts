import { describe, expect, test } from 'vitest';
import { termSteps } from '../../src/lexicon/compile-lexicon.js';
import type { LexiconEntry, ListedEntry } from '../../src/lexicon/schema.js';
import { takenFirst } from '../../src/lexicon/taken-first.js';
import { stepMatches, type WordStep } from '../../src/lexicon/word-step.js';

/** Every earlier entry tried against every later one: what `takenFirst` must find, by its definition. */
function takenFirstByEveryPair(entries: readonly ListedEntry[]): ReturnType<typeof takenFirst> {
  const variants = entries.map(({ entry }) => termSteps(entry.term, entry.inflect));
  const isStepTaken = (step: WordStep, by: WordStep) => (step.prefix !== null ? by.prefix !== null && step.prefix.startsWith(by.prefix) : [...step.forms].every((form) => stepMatches(by, form, form)));
  const found: ReturnType<typeof takenFirst> = [];
  entries.forEach((later, l) => {
    // A term counts in every category that lists it: only an entry listed before its first listing can take it.
    const before = entries.findIndex(({ entry }) => entry.term === later.entry.term);
    for (let e = 0; e < before; e++) {
      const earlier = entries[e];
      if (earlier.category === later.category || earlier.entry.term === later.entry.term) continue;
      if (variants[l].every((variant) => variants[e].some((other) => other.length === variant.length && variant.every((step, k) => isStepTaken(step, other[k]))))) {
        found.push({ later, earlier, isWhole: true, forms: [] });
        return;
      }
      const forms = new Set<string>();
      for (const variant of variants[l]) {
        if (variant.some((step) => step.prefix !== null)) continue;
        // Every phrase of one form a word.
        let phrases: string[][] = [[]];
        for (const step of variant) phrases = phrases.flatMap((phrase) => [...step.forms].map((form) => [...phrase, form]));
        for (const words of phrases) if (variants[e].some((other) => other.length === words.length && words.every((word, k) => stepMatches(other[k], word, word)))) forms.add(words.join(' '));
      }
      if (forms.size > 0) found.push({ later, earlier, isWhole: false, forms: [...forms].sort() });
    }
  });
  return found;
}

/** A lexicon's entries drawn from a few related words, wildcards, phrases and inflections, with a seeded generator. */
function drawnEntries(seed: number, count: number): ListedEntry[] {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const words = ['secur', 'security', 'securities', 'border', 'borders', 'control', 'refugee', 'refugees', 'right', 'rights', 'detain', 'detained', 'detention', 'migrant', 'migration', 'protect', 'protection', 'well-being'];
  const word = () => {
    const chosen = pick(words);
    return next() < 0.25 ? `${chosen.slice(0, 1 + Math.floor(next() * chosen.length))}*` : chosen;
  };
  const terms: string[] = [];
  return Array.from({ length: count }, () => {
    // Now and then a term listed before, in another category or the same (as imported dictionaries list a word in several).
    const term = terms.length > 0 && next() < 0.15 ? pick(terms) : Array.from({ length: pick([1, 1, 1, 2, 2, 3]) }, word).join(' ');
    terms.push(term);
    const entry = { term, inflect: next() < 0.5, weight: 1, exclude: [], source: 'test' } as unknown as LexiconEntry;
    return { category: pick(['a', 'b', 'c']), entry };
  });
}

describe('takenFirst', () => {
  test.for([1, 2, 3, 4, 5, 6])('finds what trying every pair finds, in the same order (drawn lexicon %i)', (seed) => {
    const entries = drawnEntries(seed, 150);
    const found = takenFirst(entries);
    expect(found.length).toBeGreaterThan(10);
    expect(found).toEqual(takenFirstByEveryPair(entries));
  });

  test('a term listed in two categories counts in both: a wildcard listed between them takes nothing from the second', () => {
    const listed = (category: string, term: string) => ({ category, entry: { term, inflect: false, weight: 1, exclude: [], source: 'test' } as unknown as LexiconEntry });
    const twins = [listed('a', 'security'), listed('a', 'secur*'), listed('b', 'security')];
    expect(takenFirst(twins)).toEqual([]);
    // Listed before both, the wildcard takes the word from each.
    const first = [listed('a', 'secur*'), listed('b', 'security'), listed('c', 'security')];
    expect(takenFirst(first).map(({ later, earlier, isWhole }) => [later.category, earlier.entry.term, isWhole])).toEqual([
      ['b', 'secur*', true],
      ['c', 'secur*', true],
    ]);
  });

  test('a wildcard takes the words of a later whole word, a lemma the forms of a later one, a bare * every later word', () => {
    const listed = (category: string, term: string, inflect = false) => ({ category, entry: { term, inflect, weight: 1, exclude: [], source: 'test' } as unknown as LexiconEntry });
    const entries = [listed('a', 'secur*'), listed('b', 'security'), listed('a', 'detain', true), listed('b', 'detained'), listed('c', '*'), listed('b', 'refugee')];
    expect(takenFirst(entries).map(({ later, earlier, isWhole, forms }) => [later.entry.term, earlier.entry.term, isWhole, forms])).toEqual([
      ['security', 'secur*', true, []],
      ['detained', 'detain', true, []],
      ['refugee', '*', true, []],
    ]);
  });
});
