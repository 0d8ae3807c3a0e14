import { createRequire } from 'node:module';
import { compareText } from '../compare-text.js';
import { codeKey } from './code-key.js';

// compromise's own transforms conjugate verbs and pluralise nouns without parsing a
// document (microseconds a word; `nlp(word)` takes milliseconds). natural's noun inflector
// adds the irregular and Latin plurals it knows. Both run at compile time only, and are
// loaded on the first word not already known: a worker thread that is handed the inflections
// its main thread worked out (`addInflections`) never loads them.
const require = createRequire(import.meta.url);

interface CompromiseWorld {
  methods: { two: { transform: { verb: { conjugate(word: string, model: unknown): Record<string, string> }; noun: { toPlural(word: string, model: unknown): string } } } };
  model: unknown;
}

const VERB_FORMS = ['PastTense', 'PresentTense', 'Gerund', 'Participle'] as const;

/** Inflections worked out so far in this thread, by word. */
const known = new Map<string, readonly string[]>();
let inflector: ((word: string) => string[]) | undefined;

function loadInflector(): (word: string) => string[] {
  const nlp = require('compromise') as { world(): CompromiseWorld };
  const NounInflector = require('natural/lib/natural/inflectors/noun_inflector.js') as new () => { pluralize(word: string): string };
  const world = nlp.world();
  const { verb, noun } = world.methods.two.transform;
  const nouns = new NounInflector();
  return (word) => {
    const forms = new Set([word]);
    forms.add(nouns.pluralize(word));
    forms.add(noun.toPlural(word, world.model));
    const conjugation = verb.conjugate(word, world.model);
    for (const key of VERB_FORMS) {
      const form = conjugation[key];
      if (form && /^[a-z]+$/.test(form)) forms.add(form);
    }
    return [...forms].filter((form) => /^[a-z]+$/.test(form)).sort();
  };
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

/** Inflections worked out elsewhere (by `knownInflections`): these words are not inflected again. */
export function addInflections(table: Readonly<Record<string, readonly string[]>>): void {
  for (const [word, forms] of Object.entries(table)) known.set(word, forms);
}

/** Inflections kept between runs: the forms, and what they were worked out with. */
interface InflectionFile {
  readonly key: string;
  readonly inflections: Readonly<Record<string, readonly string[]>>;
}

/**
 * Add inflections kept as `keptInflections` wrote them, so that lexicons compile without loading
 * compromise and natural. Text under another key, or not in that form, adds nothing. Returns
 * how many words were added.
 */
export function addKeptInflections(text: string): number {
  try {
    const kept = JSON.parse(text) as InflectionFile;
    if (kept.key !== codeKey() || typeof kept.inflections !== 'object' || kept.inflections === null) return 0;
    const valid = Object.entries(kept.inflections).filter(([word, forms]) => /^[a-z]+$/.test(word) && Array.isArray(forms) && forms.every((form) => typeof form === 'string'));
    addInflections(Object.fromEntries(valid));
    return valid.length;
  } catch {
    return 0;
  }
}

/** Every inflection worked out so far, as text to keep for `addKeptInflections` (words sorted, under `codeKey`). */
export function keptInflections(): string {
  const sorted = Object.fromEntries([...known].sort(([a], [b]) => compareText(a, b)));
  return `${JSON.stringify({ key: codeKey(), inflections: sorted } satisfies InflectionFile)}\n`;
}

/** Words whose inflections are known in this thread. */
export function knownInflectionCount(): number {
  return known.size;
}
