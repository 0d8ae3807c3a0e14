import { termSteps } from './compile-lexicon.js';
import type { ListedEntry } from './schema.js';
import { combinations, stepMatches, type WordStep } from './word-step.js';

/** A later entry of another category whose words an earlier one takes. */
export interface TakenFirst<T extends ListedEntry = ListedEntry> {
  readonly later: T;
  readonly earlier: T;
  /** Every word the later entry matches is the earlier one's too (else only `forms`). */
  readonly isWhole: boolean;
  /** The later entry's words that the earlier one takes (a single-word entry, when not whole). */
  readonly forms: readonly string[];
}

/**
 * Entries that an earlier entry of another category of the same lexicon takes words from. At
 * equal length the entry listed first wins a match, so a later entry all of whose words are an
 * earlier one's (`detained` after `detain` inflected, `security` after `secur*`) never counts in
 * its own category, unless the earlier one's rules cancel it; a single word of which only some
 * forms are taken counts only in the others. An entry of the same term counts in both categories.
 */
export function takenFirst<T extends ListedEntry>(entries: readonly T[]): TakenFirst<T>[] {
  const variants = entries.map(({ entry }) => termSteps(entry.term, entry.inflect));
  // An earlier entry can take a later one's words only if a variant of it as long matches one of
  // the later one's word by word: its first step the first word, and its last step the last.
  const [firstSteps, lastSteps] = [new StepIndex((variant) => variant[0]), new StepIndex((variant) => variant[variant.length - 1])];
  // Where each term is first listed: a match of it counts in every category that lists it (the
  // same term in another category is its twin), so only an entry listed before that can take it.
  const firstOfTerm = new Map<string, number>();
  const found: TakenFirst<T>[] = [];
  entries.forEach((later, l) => {
    if (!firstOfTerm.has(later.entry.term)) firstOfTerm.set(later.entry.term, l);
    const before = firstOfTerm.get(later.entry.term)!;
    // The later entry's phrases, worked out once, when an earlier entry is tried.
    let phrases: string[][] | undefined;
    // Only those entries are tried (`StepIndex`).
    const first = firstSteps.candidates(variants[l]);
    // A word's first step is its last.
    for (const e of variants[l].every((variant) => variant.length === 1) ? first : bothOf(first, lastSteps.candidates(variants[l]))) {
      if (e >= before) break;
      const earlier = entries[e];
      // The same term in another category (as an imported dictionary may list it) counts in both.
      if (earlier.category === later.category || earlier.entry.term === later.entry.term) continue;
      if (variants[l].every((variant) => variants[e].some((other) => other.length === variant.length && variant.every((step, k) => isStepTaken(step, other[k]))))) {
        found.push({ later, earlier, isWhole: true, forms: [] });
        break;
      }
      phrases ??= phrasesOfEntry(variants[l]);
      const forms = takenForms(phrases, variants[e]);
      if (forms.length > 0) found.push({ later, earlier, isWhole: false, forms });
    }
    firstSteps.add(variants[l], l);
    lastSteps.add(variants[l], l);
  });
  return found;
}

/** The entries in both lists (each ascending), ascending. */
function bothOf(first: readonly number[], last: readonly number[]): readonly number[] {
  if (first.length === 0 || last.length === 0) return [];
  const [shorter, longer] = first.length <= last.length ? [first, last] : [last, first];
  const inShorter = new Set(shorter);
  return longer.filter((entry) => inShorter.has(entry));
}

/**
 * The entries seen so far, by one word step of each of their variants (the first, or the last):
 * its forms, its lemma, its prefix, so that the entries whose step there can match a later
 * entry's word there (`isStepTaken`, `takenForms`) are found without trying the others.
 */
class StepIndex {
  private readonly byForm = new Map<string, number[]>();
  private readonly byLemma = new Map<string, number[]>();
  private readonly byPrefix = new Map<string, number[]>();

  constructor(private readonly stepOf: (variant: readonly WordStep[]) => WordStep) {}

  add(variants: readonly WordStep[][], entry: number): void {
    const note = (index: Map<string, number[]>, key: string) => {
      const list = index.get(key);
      if (list === undefined) index.set(key, [entry]);
      else if (list[list.length - 1] !== entry) list.push(entry);
    };
    for (const step of variants.map(this.stepOf)) {
      for (const form of step.forms) note(this.byForm, form);
      if (step.lemma !== null) note(this.byLemma, step.lemma);
      if (step.prefix !== null) note(this.byPrefix, step.prefix);
    }
  }

  /** The entries seen so far whose step matches the word there of one of `variants` (a superset of those that take any of its words), in the order they were added. */
  candidates(variants: readonly WordStep[][]): readonly number[] {
    const lists: (readonly number[])[] = [];
    const add = (list: readonly number[] | undefined) => {
      if (list !== undefined) lists.push(list);
    };
    const byPrefixOf = (word: string) => {
      for (let end = 0; end <= word.length; end++) add(this.byPrefix.get(word.slice(0, end)));
    };
    for (const step of variants.map(this.stepOf)) {
      if (step.prefix !== null) byPrefixOf(step.prefix);
      for (const form of step.forms) {
        add(this.byForm.get(form));
        add(this.byLemma.get(form));
        byPrefixOf(form);
      }
    }
    // Most words are found in one list, already in order.
    if (lists.length <= 1) return lists[0] ?? [];
    return [...new Set(lists.flat())].sort((a, b) => a - b);
  }
}

/** True when every word `step` matches is matched by `by`. */
function isStepTaken(step: WordStep, by: WordStep): boolean {
  if (step.prefix !== null) return by.prefix !== null && step.prefix.startsWith(by.prefix);
  return [...step.forms].every((form) => stepMatches(by, form, form));
}

/** The forms (words, or phrases of words joined by spaces) of `phrases` (`phrasesOfEntry`) that a variant of the earlier entry as long matches too, word by word. */
function takenForms(phrases: readonly (readonly string[])[], earlier: readonly WordStep[][]): string[] {
  const forms = new Set<string>();
  for (const words of phrases) {
    if (earlier.some((other) => other.length === words.length && words.every((word, k) => stepMatches(other[k], word, word)))) forms.add(words.join(' '));
  }
  return [...forms].sort();
}

/** Every phrase (or word) of an entry's variants without a wildcard (`phrasesOf`). */
function phrasesOfEntry(variants: readonly WordStep[][]): string[][] {
  return variants.filter((variant) => variant.every((step) => step.prefix === null)).flatMap(phrasesOf);
}

/** Phrases a variant's forms make, at most this many (beyond, none is tried). */
const MAX_PHRASES = 1024;

/** Every phrase of one form of each step of `variant` (none when there would be more than `MAX_PHRASES`). */
function phrasesOf(variant: readonly WordStep[]): string[][] {
  let count = 1;
  for (const step of variant) count *= step.forms.size;
  return count > MAX_PHRASES ? [] : combinations(variant.map((step) => [...step.forms]));
}
