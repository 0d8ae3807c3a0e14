import type { ClassifiedDoc, CompiledLexicon, Hit, TokenisedDoc, WordStream } from '../document.js';
import { buildWordStream } from './word-stream.js';

/** Largest number of lexicons the start pre-filter covers (bits of a 32-bit mask). */
const MAX_FILTERED = 31;
/** The pre-filter cache is bounded; past this many forms it is cleared and refilled. */
const MAX_CACHED = 100_000;
/** Slots of the cache by form id, in front of the cache by form (a power of two). */
const ID_SLOTS = 1 << 16;

/** Classify documents with a fixed set of lexicons (build once per run, S7). */
export type Classifier = (doc: TokenisedDoc) => ClassifiedDoc;

/** What a word form is to each lexicon (bit `b` for the lexicon at index `b`): where an entry can be this word alone, start here and go on, or go on with it. */
interface FormMasks {
  readonly alone: number;
  readonly longer: number;
  readonly continues: number;
}

/** A slot of the table by form id: the id, then its `FormMasks`. */
const SLOT = 4;

/**
 * A classifier for a set of lexicons. For each word form it remembers which lexicons have an
 * entry that can start there, and which have one that can go on with it, so each lexicon's
 * matcher tries only the words where a term can be that word alone or go on with the next:
 * the cost per word is one lookup, however many lexicons and entries there are.
 */
export function createClassifier(lexicons: readonly CompiledLexicon[]): Classifier {
  const filtered = lexicons.slice(0, MAX_FILTERED);
  const masksFor = (key: string, lemma: string): FormMasks => {
    let [alone, longer, continues] = [0, 0, 0];
    filtered.forEach((lexicon, index) => {
      const starts = lexicon.startsAt(key, lemma);
      if (starts.alone) alone |= 1 << index;
      if (starts.longer) longer |= 1 << index;
      if (lexicon.continuesAt(key, lemma)) continues |= 1 << index;
    });
    return { alone, longer, continues };
  };
  // Words without a number are looked up by form and lemma.
  const masks = new Map<string, FormMasks>();
  const masksOf = (key: string, lemma: string): FormMasks => {
    const cacheKey = key === lemma ? key : `${key}\u0000${lemma}`;
    let found = masks.get(cacheKey);
    if (found === undefined) {
      found = masksFor(key, lemma);
      if (masks.size >= MAX_CACHED) masks.clear();
      masks.set(cacheKey, found);
    }
    return found;
  };
  // Words numbered by their tokeniser (scan.v1) are looked up by number, in a table of
  // slots that belongs to one numbering (`formSpace`); other words by form. A slot holds the
  // id, then its `FormMasks`.
  const table = new Int32Array(ID_SLOTS * SLOT);
  let tableSpace: number | undefined;
  /** The table slot of form `id` (word `i` of `words`), filled if it held another form. */
  const slotOf = (words: WordStream, i: number, id: number): number => {
    const slot = (id & (ID_SLOTS - 1)) * SLOT;
    if (table[slot] !== id) {
      // Worked out afresh: the table is the cache of numbered forms.
      const found = masksFor(words.keys[i], words.lemmas[i]);
      table[slot] = id;
      table[slot + 1] = found.alone;
      table[slot + 2] = found.longer;
      table[slot + 3] = found.continues;
    }
    return slot;
  };
  // Candidate lists are reused from document to document (classifying is synchronous).
  let positions = new Int32Array(1024);
  let startMasks = new Int32Array(1024);
  return (doc) => {
    const stream = doc.words ?? buildWordStream(doc);
    const { keys, lemmas, formIds, formSpace, breakBefore } = stream;
    const size = keys.length;
    if (positions.length < size) [positions, startMasks] = [new Int32Array(size * 2), new Int32Array(size * 2)];
    const byId = formSpace !== undefined;
    if (byId && formSpace !== tableSpace) {
      table.fill(0);
      tableSpace = formSpace;
    }
    /** Bits of the lexicons with an entry that goes on with word `i` (0 after a break). */
    const continuesAt = (i: number): number => {
      if (i >= size || breakBefore[i]) return 0;
      const id = byId ? formIds[i] : 0;
      return id !== 0 ? table[slotOf(stream, i, id) + 3] : masksOf(keys[i], lemmas[i]).continues;
    };
    let count = 0;
    for (let i = 0; i < size; i++) {
      const id = byId ? formIds[i] : 0;
      let alone: number, longer: number;
      if (id !== 0) {
        let slot = (id & (ID_SLOTS - 1)) * SLOT;
        if (table[slot] !== id) slot = slotOf(stream, i, id);
        alone = table[slot + 1];
        longer = table[slot + 2];
      } else {
        const found = masksOf(keys[i], lemmas[i]);
        alone = found.alone;
        longer = found.longer;
      }
      const mask = longer === 0 ? alone : alone | (longer & continuesAt(i + 1));
      if (mask !== 0) {
        positions[count] = i;
        startMasks[count] = mask;
        count += 1;
      }
    }
    const words: WordStream = { ...stream, candidates: { positions, masks: startMasks, count } };
    const hits: Hit[] = [];
    for (let index = 0; index < lexicons.length; index++) {
      const lexicon = lexicons[index];
      const matches = lexicon.match(words, index < MAX_FILTERED ? 1 << index : undefined);
      for (let m = 0; m < matches.length; m++) {
        const match = matches[m];
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
          isNegated: words.negated[match.start] === 1,
        });
      }
    }
    // By position, then lexicon order: each lexicon's hits are in position order and the sort is stable.
    hits.sort((a, b) => a.range[0] - b.range[0]);
    return { ...doc, hits };
  };
}

/** Match every lexicon against a document. Hits are sorted by position, then lexicon order. */
export function classify(doc: TokenisedDoc, lexicons: readonly CompiledLexicon[]): ClassifiedDoc {
  return createClassifier(lexicons)(doc);
}
