import { inflectWord } from './inflect.js';

/** How one word of a term matches a word of text: a set of exact forms, a lemma, or a prefix. */
export interface WordStep {
  readonly forms: ReadonlySet<string>;
  readonly lemma: string | null;
  readonly prefix: string | null;
}

/** Build the step for one normalised term word (`securiti*` is a prefix). */
export function makeWordStep(word: string, options: { isInflected: boolean; head?: string }): WordStep {
  if (word.endsWith('*')) return { forms: new Set(), lemma: null, prefix: word.slice(0, -1) };
  if (!options.isInflected) return { forms: new Set([word]), lemma: null, prefix: null };
  // A hyphenated word read as one is inflected on its last part (`crossborder` → `crossborders`).
  const { head } = options;
  if (head) return { forms: new Set([word, ...inflectWord(word.slice(head.length)).map((form) => head + form)]), lemma: word, prefix: null };
  return { forms: new Set(inflectWord(word)), lemma: word, prefix: null };
}

/** True when the word at `key` (lemma `lemma`) matches the step. */
export function stepMatches(step: WordStep, key: string, lemma: string): boolean {
  return step.forms.has(key) || step.lemma === lemma || (step.prefix !== null && key.startsWith(step.prefix));
}

/** Several word steps merged into one set: a word is in it when it matches any of them. */
export interface WordStepSet {
  readonly forms: ReadonlySet<string>;
  readonly lemmas: ReadonlySet<string>;
  readonly prefixes: readonly string[];
}

/** Merge steps into one set: a word is in it when it matches one of them (see `RuleWords`). */
export function mergeWordSteps(steps: readonly WordStep[]): WordStepSet {
  return {
    forms: new Set(steps.flatMap((step) => [...step.forms])),
    lemmas: new Set(steps.flatMap((step) => (step.lemma === null ? [] : [step.lemma]))),
    prefixes: [...new Set(steps.flatMap((step) => (step.prefix === null ? [] : [step.prefix])))],
  };
}

/** True when the word at `key` (lemma `lemma`) matches one of the merged steps. */
export function stepSetMatches(set: WordStepSet, key: string, lemma: string): boolean {
  if (set.forms.has(key) || set.lemmas.has(lemma)) return true;
  for (const prefix of set.prefixes) if (key.startsWith(prefix)) return true;
  return false;
}

/** Prefixes with their values, by the char code of their first character, so a word is tested only against the prefixes that start as it does. An empty prefix has none and is left out. */
export function prefixesByFirstChar<T>(prefixes: Iterable<readonly [prefix: string, value: T]>): Map<number, [prefix: string, value: T][]> {
  const grouped = new Map<number, [string, T][]>();
  for (const [prefix, value] of prefixes) {
    if (prefix === '') continue;
    const first = prefix.charCodeAt(0);
    const group = grouped.get(first);
    if (group) group.push([prefix, value]);
    else grouped.set(first, [[prefix, value]]);
  }
  return grouped;
}

/** Every list that takes one item of each of `choices`, in order (the first choice varying slowest). */
export function combinations<T>(choices: readonly (readonly T[])[]): T[][] {
  let lists: T[][] = [[]];
  for (const choice of choices) lists = lists.flatMap((list) => choice.map((item) => [...list, item]));
  return lists;
}
