import { createHash } from 'node:crypto';
import type { CategoryInfo, CompiledLexicon, Hit, WordMatch, WordStream } from '../document.js';
import { termVariantParts } from '../normalise.js';
import { listedEntries, type LexiconEntry, type LexiconSpec } from './schema.js';
import { TermsFound, TermTrie } from './trie.js';
import { RuleWords } from './rule-words.js';
import { makeWordStep, mergeWordSteps, type WordStep, type WordStepSet } from './word-step.js';

/** An entry ready for matching: its conditions compiled to word steps. */
interface CompiledEntry {
  readonly id: string;
  readonly category: string;
  readonly weight: number;
  /** Its category's matches are negated in a negation scope (the category's `negation`). */
  readonly isNegatable: boolean;
  /** Each exclusion phrase as the `RuleWords` numbers of its words, in order. */
  readonly exclusions: readonly (readonly number[])[];
  /** Where the exclusion phrases can lie over a match, by the match's length in words (`placementsOf`). */
  readonly placements: Map<number, Placements>;
  readonly near?: Proximity;
  readonly notNear?: Proximity;
}

interface Proximity {
  /** The `RuleWords` number of the proximity words. */
  readonly words: number;
  /** Proximity terms read as several words (`self-determination`: self, determination), each as the `RuleWords` numbers of its words, in order. */
  readonly phrases: readonly (readonly number[])[];
  /** The `RuleWords` number of the proximity words and the phrases' first words together: one lookup passes over a word that is neither. */
  readonly anyFirst: number;
  readonly window: number;
}

/** Where the lexicon came from: its file name and the sha256 (hex) of its bytes. */
export interface LexiconOrigin {
  readonly file: string;
  readonly sha256: string;
}

/** The origin of a lexicon read from `file` as `bytes`. */
export function lexiconOrigin(file: string, bytes: Uint8Array | string): LexiconOrigin {
  return { file, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Compile a parsed, checked lexicon into a frozen matcher (S7). Runs once per run. Its terms'
 * variants and its rules' words are worked out (with their inflections, which worker threads
 * are handed) and checked at once, unless `isChecked` says this spec compiled before under the
 * same code (a lexicon kept from an earlier run); the trie and the numbered sets of the rules'
 * words are built when it first matches or is asked what a word can be: a thread that only reads
 * the lexicon's identity and categories (the main thread, while workers score, or a re-run
 * that scores nothing) does without them.
 */
export function compileLexicon(spec: LexiconSpec, origin: LexiconOrigin, options: { isChecked?: boolean } = {}): CompiledLexicon {
  const categories: CategoryInfo[] = [];
  const specEntries: LexiconEntry[] = [];
  for (const [categoryId, category] of Object.entries(spec.categories)) {
    categories.push(Object.freeze({ id: categoryId, label: category.label, description: category.description, lexiconId: spec.name }));
    // One at a time: spread into a call, a category of over 100,000 entries overflowed the stack.
    for (const entry of category.entries) specEntries.push(entry);
  }
  let steps: LexiconSteps | undefined;
  const stepsOf = () => (steps ??= lexiconSteps(spec));
  if (!options.isChecked) stepsOf();
  let matcher: Matcher | undefined;
  const matcherOf = () => {
    if (matcher) return matcher;
    const { variants, entrySteps } = stepsOf();
    const ruleWords = new RuleWords();
    const entries = entrySteps.map((entry) => compileEntry(entry, ruleWords));
    const trie = new TermTrie();
    for (const [variant, entry] of variants) trie.add(variant, entry);
    matcher = { trie, entries, ruleWords, neighbours: { before: ruleWords.newBits(), after: ruleWords.newBits() } };
    return matcher;
  };
  // Reused by every match call (matching is synchronous).
  const found = new TermsFound();
  const hitOf: RecordOf<Hit> = (words, start, end, entry) => hitAt(words, start, end, entry, spec.name);
  const match = (words: WordStream, startBit?: number) => matchWords(words, matcherOf(), found, wordMatchOf, startBit);
  const hits = (words: WordStream, startBit?: number) => matchWords(words, matcherOf(), found, hitOf, startBit);
  const hasWholeWeights = specEntries.every((entry) => Number.isInteger(entry.weight));
  return Object.freeze({
    id: spec.name,
    version: spec.version,
    language: spec.language,
    description: spec.description,
    sha256: origin.sha256,
    file: origin.file,
    spec,
    categories: Object.freeze(categories),
    entryCount: specEntries.length,
    hasWholeWeights,
    match,
    hits,
    roleOf: (key: string, lemma: string) => matcherOf().trie.roleOf(key, lemma),
    roleKeys: () => matcherOf().trie.roleKeys(),
    prepare: () => void stepsOf(),
  });
}

/** The word steps of every term variant, with its entry's index, and of every entry's rules. */
interface LexiconSteps {
  readonly variants: (readonly [steps: WordStep[], entry: number])[];
  readonly entrySteps: EntrySteps[];
}

/** The word steps of a lexicon's terms and rules; throws when a term has too many variants. */
function lexiconSteps(spec: LexiconSpec): LexiconSteps {
  const variants: LexiconSteps['variants'] = [];
  const entrySteps: EntrySteps[] = [];
  // An entry's copy under a category of its `also` has its own index: a match counts in both (`matchWords`).
  for (const { category, entry } of listedEntries(spec)) {
    const index = entrySteps.push(stepsOfEntry(entry, category, spec.categories[category].negation)) - 1;
    for (const variant of termSteps(entry.term, entry.inflect)) {
      if (!TermTrie.fits(variant)) throw new Error(`term "${entry.term}" has too many inflected variants`);
      variants.push([variant, index]);
    }
  }
  return { variants, entrySteps };
}

/** Every variant of a term as word steps (hyphen/space variants, inflections, wildcards). */
export function termSteps(term: string, isInflected: boolean): WordStep[][] {
  // A hyphenated word is inflected on its last part (`cross-borders`, never `crossing borders`).
  return termVariantParts(term).map((parts) => parts.map(({ word, isLast, head }) => makeWordStep(word, { isInflected: isInflected && isLast, head })));
}

/** An entry's rules as word steps, worked out (with their words' inflections) when its lexicon is compiled; numbered as rule-word sets when it is first used (`compileEntry`). */
interface EntrySteps {
  readonly entry: LexiconEntry;
  readonly category: string;
  readonly isNegatable: boolean;
  readonly exclusions: readonly WordStep[][];
  readonly near?: ProximitySteps;
  readonly notNear?: ProximitySteps;
}

/** A proximity rule's terms as word steps: those read as one word, merged, and those read as several (a hyphenated term split, `self-determination`), each whole. */
interface ProximitySteps {
  readonly words: WordStepSet;
  readonly phrases: readonly WordStep[][];
  /** The single words and the phrases' first words together (`Proximity.anyFirst`). */
  readonly anyFirst: WordStepSet;
  readonly window: number;
}

function stepsOfEntry(entry: LexiconEntry, category: string, isNegatable: boolean): EntrySteps {
  // A hyphenated term counts where all its words are (`self determination`, or `selfdetermination` read as one), never its first word alone.
  const proximity = (spec: LexiconEntry['near']): ProximitySteps | undefined => {
    if (!spec) return undefined;
    const variants = spec.terms.flatMap((term) => termSteps(term, true));
    const words = variants.filter((steps) => steps.length === 1).map((steps) => steps[0]);
    const phrases = variants.filter((steps) => steps.length > 1);
    return { window: spec.window, words: mergeWordSteps(words), phrases, anyFirst: mergeWordSteps([...words, ...phrases.map((steps) => steps[0])]) };
  };
  return { entry, category, isNegatable, exclusions: entry.exclude.flatMap((phrase) => termSteps(phrase, entry.inflect)), near: proximity(entry.near), notNear: proximity(entry.not_near) };
}

function compileEntry({ entry, category, isNegatable, exclusions, near, notNear }: EntrySteps, ruleWords: RuleWords): CompiledEntry {
  const proximity = (steps: EntrySteps['near']): Proximity | undefined =>
    steps && {
      window: steps.window,
      words: ruleWords.numberOf(steps.words),
      phrases: steps.phrases.map((phrase) => phrase.map((step) => ruleWords.numberOf(mergeWordSteps([step])))),
      anyFirst: ruleWords.numberOf(steps.anyFirst),
    };
  return {
    id: entry.term,
    category,
    weight: entry.weight,
    isNegatable,
    exclusions: exclusions.map((steps) => steps.map((step) => ruleWords.numberOf(mergeWordSteps([step])))),
    placements: new Map(),
    near: proximity(near),
    notNear: proximity(notNear),
  };
}

/** A lexicon's matcher, built when it first matches: its trie, its entries' rules, and room for the rules' checks. */
interface Matcher {
  readonly trie: TermTrie;
  readonly entries: readonly CompiledEntry[];
  readonly ruleWords: RuleWords;
  readonly neighbours: Neighbours;
}

/** What a match of `entry` on words `[start, end)` of `words` is recorded as (a `WordMatch`, a `Hit`). */
type RecordOf<T> = (words: WordStream, start: number, end: number, entry: CompiledEntry) => T;

/** The matches in `words` (see `CompiledLexicon.match`), each recorded by `record`. */
function matchWords<T extends { readonly category: string }>(words: WordStream, { trie, entries, ruleWords, neighbours }: Matcher, found: TermsFound, record: RecordOf<T>, startBit?: number): T[] {
  ruleWords.use(words);
  trie.use(words);
  const candidates = startBit === undefined ? undefined : words.candidates;
  // With a start filter, only the words it lets through are tried.
  const size = candidates === undefined ? words.keys.length : candidates.count;
  const matches: T[] = [];
  const { ends, entries: foundEntries } = found;
  // The next word a match may start at (a word is counted once).
  let next = 0;
  for (let c = 0; c < size; c++) {
    const start = candidates === undefined ? c : candidates.positions[c];
    if (start < next || (candidates !== undefined && (candidates.masks[c] & startBit!) === 0)) continue;
    found.count = 0;
    trie.walk(words, start, found);
    const count = found.count;
    if (count === 0) continue;
    // Longest match first; at equal length the entry listed first in the lexicon.
    for (let i = 1; i < count; i++) {
      const end = ends[i];
      const entry = foundEntries[i];
      let j = i - 1;
      for (; j >= 0 && (ends[j] < end || (ends[j] === end && foundEntries[j] > entry)); j--) {
        ends[j + 1] = ends[j];
        foundEntries[j + 1] = foundEntries[j];
      }
      ends[j + 1] = end;
      foundEntries[j + 1] = entry;
    }
    let taken = -1;
    for (let i = 0; i < count && taken < 0; i++) if (isCounted(words, start, ends[i], entries[foundEntries[i]], ruleWords, neighbours)) taken = i;
    if (taken >= 0) {
      const entry = entries[foundEntries[taken]];
      const end = ends[taken];
      const first = matches.push(record(words, start, end, entry)) - 1;
      // The same term in other categories (as imported dictionaries allow) counts there too.
      for (let i = 0; i < count; i++) {
        const twin = entries[foundEntries[i]];
        if (i === taken || ends[i] !== end || twin.id !== entry.id || twin.category === entry.category) continue;
        if (isCounted(words, start, end, twin, ruleWords, neighbours) && !hasCategory(matches, first, twin.category)) matches.push(record(words, start, end, twin));
      }
      next = end;
    }
  }
  return matches;
}

/** A match as `CompiledLexicon.match` gives it. */
function wordMatchOf(_words: WordStream, start: number, end: number, entry: CompiledEntry): WordMatch {
  return { start, end, entryId: entry.id, category: entry.category, weight: entry.weight };
}

/** A match of `entry` on words `[start, end)` as a hit of lexicon `lexiconId` (`CompiledLexicon.hits`). */
function hitAt(words: WordStream, start: number, end: number, entry: CompiledEntry, lexiconId: string): Hit {
  return {
    lexiconId,
    entryId: entry.id,
    category: entry.category,
    range: [words.tokenIndex[start], words.tokenIndex[end - 1] + 1],
    sentence: words.sentence[start],
    weight: entry.weight,
    // Negation scope is read at the first word, so "without discrimination" stays positive.
    isNegated: entry.isNegatable && words.negated[start] === 1,
  };
}

/** True when one of `matches[from...]` (the matches at one start) is in `category`. */
function hasCategory(matches: readonly { readonly category: string }[], from: number, category: string): boolean {
  for (let i = from; i < matches.length; i++) if (matches[i].category === category) return true;
  return false;
}

function isCounted(words: WordStream, start: number, end: number, entry: CompiledEntry, ruleWords: RuleWords, neighbours: Neighbours): boolean {
  if (entry.exclusions.length > 0 && isExcluded(words, start, end, placementsOf(entry, end - start, ruleWords), ruleWords, neighbours)) return false;
  if (entry.near && !isNear(words, start, end, entry.near, ruleWords)) return false;
  if (entry.notNear && isNear(words, start, end, entry.notNear, ruleWords)) return false;
  return true;
}

/** The bits (`RuleWords.copyBits`) of the words just before and just after a match, reused from check to check. */
interface Neighbours {
  readonly before: Int32Array;
  readonly after: Int32Array;
}

/** One place an exclusion phrase can lie over a match: the phrase (the rule-word sets of its words) starts `offset` words before it. */
interface Placement {
  readonly steps: readonly number[];
  readonly offset: number;
}

/** The placements that go on past a match on one side, by the set the word next to the match must be in there. */
interface SidePlacements {
  /** Placements by that set's number. */
  readonly bySet: Map<number, Placement[]>;
  /** Those sets that have a bit in a word's row (`RuleWords.copyBits`), as one row of bits. */
  readonly bits: Int32Array;
  /** Those sets that do not. */
  readonly unbitted: readonly number[];
}

/** Every place an entry's exclusion phrases can lie over a match of one length (`placementsOf`). */
interface Placements {
  /** Phrases as long as the match: they lie on it. */
  readonly onMatch: readonly Placement[];
  /** Phrases that start before the match, by their word just before it. */
  readonly before: SidePlacements;
  /** Phrases that start with the match and go on after it, by their word just after it. */
  readonly after: SidePlacements;
}

/**
 * Every place one of an entry's exclusion phrases can lie over a match of `length` words (the
 * phrase at least as long, the match inside it), indexed by what the phrase needs next to the
 * match: worked out once per entry and length.
 */
function placementsOf(entry: CompiledEntry, length: number, ruleWords: RuleWords): Placements {
  let placements = entry.placements.get(length);
  if (placements === undefined) {
    const onMatch: Placement[] = [];
    const [before, after] = [new Map<number, Placement[]>(), new Map<number, Placement[]>()];
    const note = (side: Map<number, Placement[]>, set: number, placement: Placement) => {
      const list = side.get(set);
      if (list) list.push(placement);
      else side.set(set, [placement]);
    };
    for (const steps of entry.exclusions) {
      for (let offset = 0; offset + length <= steps.length; offset++) {
        if (offset > 0) note(before, steps[offset - 1], { steps, offset });
        else if (length < steps.length) note(after, steps[length], { steps, offset });
        else onMatch.push({ steps, offset });
      }
    }
    const side = (bySet: Map<number, Placement[]>): SidePlacements => {
      const bits = ruleWords.newBits();
      const unbitted: number[] = [];
      for (const set of bySet.keys()) if (!ruleWords.setBit(bits, set)) unbitted.push(set);
      return { bySet, bits, unbitted };
    };
    placements = { onMatch, before: side(before), after: side(after) };
    entry.placements.set(length, placements);
  }
  return placements;
}

/**
 * True when some occurrence of an exclusion phrase covers words `[start, end)`. A phrase longer
 * than the match goes on before it or after it with no break between: only the phrases whose
 * word next to the match is a set the word there is in (`placementsOf`) are tried, found from
 * that word's bits, looked up once.
 */
function isExcluded(words: WordStream, start: number, end: number, { onMatch, before, after }: Placements, ruleWords: RuleWords, neighbours: Neighbours): boolean {
  if (isAnyPlacedAt(words, start, onMatch, ruleWords)) return true;
  if (start > 0 && !words.breakBefore[start] && isPlacedBeside(words, start, start - 1, before, ruleWords, neighbours.before)) return true;
  return end < words.keys.length && !words.breakBefore[end] && isPlacedBeside(words, start, end, after, ruleWords, neighbours.after);
}

/** True when a phrase occurs that `side` places beside the match at `start`, its word there in a set that word `at` is in. `bits`: room for that word's bits. */
function isPlacedBeside(words: WordStream, start: number, at: number, side: SidePlacements, ruleWords: RuleWords, bits: Int32Array): boolean {
  ruleWords.copyBits(words, at, bits);
  for (let w = 0; w < bits.length; w++) {
    let common = bits[w] & side.bits[w];
    while (common !== 0) {
      const low = common & -common;
      common ^= low;
      if (isAnyPlacedAt(words, start, side.bySet.get(w * 32 + 31 - Math.clz32(low))!, ruleWords)) return true;
    }
  }
  for (const set of side.unbitted) if (ruleWords.has(words, at, set) && isAnyPlacedAt(words, start, side.bySet.get(set)!, ruleWords)) return true;
  return false;
}

/** True when the phrase of one of `placements` occurs, placed over the match at `start`. */
function isAnyPlacedAt(words: WordStream, start: number, placements: readonly Placement[], ruleWords: RuleWords): boolean {
  for (let p = 0; p < placements.length; p++) if (isPlacedAt(words, start, placements[p], ruleWords)) return true;
  return false;
}

/** True when the phrase of `placement` occurs with its start `offset` words before word `start`. */
function isPlacedAt(words: WordStream, start: number, { steps, offset }: Placement, ruleWords: RuleWords): boolean {
  const from = start - offset;
  return from >= 0 && from + steps.length <= words.keys.length && isPhraseAt(words, from, steps, ruleWords);
}

/** True when the phrase `steps` (the rule-word sets of its words) occurs at word `from`, with no break inside it. */
function isPhraseAt(words: WordStream, from: number, steps: readonly number[], ruleWords: RuleWords): boolean {
  for (let k = 0; k < steps.length; k++) {
    if ((k > 0 && words.breakBefore[from + k]) || !ruleWords.has(words, from + k, steps[k])) return false;
  }
  return true;
}

/** True when one of the proximity words, or all the words of one of its phrases, is within `window` words of `[start, end)`, in the same sentence. */
function isNear(words: WordStream, start: number, end: number, proximity: Proximity, ruleWords: RuleWords): boolean {
  const sentence = words.sentence[start];
  const from = Math.max(0, start - proximity.window);
  const to = Math.min(words.keys.length, end + proximity.window);
  const isOutside = (at: number) => at < to && (at < start || at >= end) && words.sentence[at] === sentence;
  for (let at = from; at < to; at++) {
    if (!isOutside(at) || !ruleWords.has(words, at, proximity.anyFirst)) continue;
    if (proximity.phrases.length === 0 || ruleWords.has(words, at, proximity.words)) return true;
    for (const phrase of proximity.phrases) {
      let k = 0;
      while (k < phrase.length && isOutside(at + k) && (k === 0 || !words.breakBefore[at + k]) && ruleWords.has(words, at + k, phrase[k])) k += 1;
      if (k === phrase.length) return true;
    }
  }
  return false;
}
