import type { ClassifiedDoc, CompiledLexicon, Hit, TokenisedDoc, WordStream } from '../document.js';
import { buildWordStream } from './word-stream.js';

/** Largest number of lexicons the start pre-filter covers (bits of a 32-bit mask). */
const MAX_FILTERED = 31;
/** The pre-filter cache is bounded; past this many forms it is cleared and refilled. */
const MAX_CACHED = 500_000;
/** Slots of the cache by form id, in front of the cache by form (a power of two). */
const ID_SLOTS = 1 << 17;

/** Classify documents with a fixed set of lexicons (build once per run, S7). */
export type Classifier = (doc: TokenisedDoc) => ClassifiedDoc;

/**
 * A classifier for a set of lexicons. For each word form it remembers which lexicons have
 * an entry that can start there, so each lexicon's matcher skips all other words: the cost
 * per word is one lookup, however many lexicons and entries there are.
 */
export function createClassifier(lexicons: readonly CompiledLexicon[]): Classifier {
  const order = new Map(lexicons.map((lexicon, index) => [lexicon.id, index]));
  const masks = new Map<string, number>();
  const maskOf = (key: string, lemma: string): number => {
    const cacheKey = key === lemma ? key : `${key}\u0000${lemma}`;
    let mask = masks.get(cacheKey);
    if (mask === undefined) {
      mask = 0;
      for (let index = 0; index < lexicons.length && index < MAX_FILTERED; index++) if (lexicons[index].canStart(key, lemma)) mask |= 1 << index;
      if (masks.size >= MAX_CACHED) masks.clear();
      masks.set(cacheKey, mask);
    }
    return mask;
  };
  // Words whose tokeniser numbers their forms (scan.v1) are looked up by that number first:
  // one array slot per id, checked against the form itself, so a stale or foreign id only misses.
  const slotIds = new Float64Array(ID_SLOTS);
  const slotKeys: (string | undefined)[] = new Array<string | undefined>(ID_SLOTS).fill(undefined);
  const slotLemmas: (string | undefined)[] = new Array<string | undefined>(ID_SLOTS).fill(undefined);
  const slotMasks = new Int32Array(ID_SLOTS);
  const maskOfForm = (id: number, key: string, lemma: string): number => {
    if (id === 0) return maskOf(key, lemma);
    const slot = id & (ID_SLOTS - 1);
    if (slotIds[slot] === id && slotKeys[slot] === key && slotLemmas[slot] === lemma) return slotMasks[slot];
    const mask = maskOf(key, lemma);
    [slotIds[slot], slotKeys[slot], slotLemmas[slot], slotMasks[slot]] = [id, key, lemma, mask];
    return mask;
  };
  return (doc) => {
    const stream = buildWordStream(doc);
    const starts = new Int32Array(stream.keys.length);
    for (let i = 0; i < starts.length; i++) starts[i] = maskOfForm(stream.formIds[i], stream.keys[i], stream.lemmas[i]);
    const words: WordStream = { ...stream, starts };
    const hits: Hit[] = [];
    lexicons.forEach((lexicon, index) => {
      for (const match of lexicon.match(words, index < MAX_FILTERED ? 1 << index : undefined)) {
        const first = words.tokenIndex[match.start];
        const end = words.tokenIndex[match.end - 1] + 1;
        hits.push({
          lexiconId: lexicon.id,
          entryId: match.entryId,
          category: match.category,
          range: [first, end],
          sentence: words.sentence[match.start],
          weight: match.weight,
          // Negation scope is read at the first word, so "without discrimination" stays positive.
          isNegated: doc.tokens[first].isNegated,
        });
      }
    });
    hits.sort((a, b) => a.range[0] - b.range[0] || order.get(a.lexiconId)! - order.get(b.lexiconId)!);
    return { ...doc, hits };
  };
}

/** Match every lexicon against a document. Hits are sorted by position, then lexicon order. */
export function classify(doc: TokenisedDoc, lexicons: readonly CompiledLexicon[]): ClassifiedDoc {
  return createClassifier(lexicons)(doc);
}
