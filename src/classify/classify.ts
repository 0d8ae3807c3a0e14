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
  // slots that belongs to one numbering (`formSpace`); other words (number 0) by form, their
  // masks copied into the spare slot after the table. A slot holds the id, then its `FormMasks`.
  const table = new Int32Array((ID_SLOTS + 1) * SLOT);
  let tableSpace: number | undefined;
  /** The slot holding the masks of word `i` of `words` (numbered `id`), filled if it held another form. */
  const fillSlot = (words: WordStream, i: number, id: number): number => {
    const slot = id === 0 ? ID_SLOTS * SLOT : (id & (ID_SLOTS - 1)) * SLOT;
    // Worked out afresh: the table is the cache of numbered forms.
    const found = id === 0 ? masksOf(words.keys[i], words.lemmas[i]) : masksFor(words.keys[i], words.lemmas[i]);
    table[slot] = id;
    table[slot + 1] = found.alone;
    table[slot + 2] = found.longer;
    table[slot + 3] = found.continues;
    return slot;
  };
  // Candidate lists are reused from document to document (classifying is synchronous).
  let positions = new Int32Array(1024);
  let startMasks = new Int32Array(1024);
  return (doc) => {
    const stream = doc.words ?? buildWordStream(doc);
    const { keys, formIds, formSpace, breakBefore } = stream;
    const size = keys.length;
    if (positions.length < size) [positions, startMasks] = [new Int32Array(size * 2), new Int32Array(size * 2)];
    const byId = formSpace !== undefined;
    if (byId && formSpace !== tableSpace) {
      table.fill(0);
      tableSpace = formSpace;
    }
    const ids = byId ? formIds : new Int32Array(size);
    const count = scanCandidates(ids, breakBefore, table, (i) => fillSlot(stream, i, ids[i]), positions, startMasks);
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

/**
 * Write the words where some lexicon can match, and the mask of those lexicons, to `positions`
 * and `masks`; return how many. A word is kept for a lexicon when a term can be that word
 * alone, or can start there and go on with the next word (no break between them). Each word's
 * masks are read from `table` by its number, or from the slot `fill(i)` fills on a miss (always
 * for number 0), in one loop without a call per word.
 */
function scanCandidates(ids: ArrayLike<number>, breakBefore: ArrayLike<number>, table: Int32Array, fill: (i: number) => number, positions: Int32Array, masks: Int32Array): number {
  const size = ids.length;
  let count = 0;
  for (let i = 0; i < size; i++) {
    const id = ids[i];
    let slot = (id & (ID_SLOTS - 1)) * SLOT;
    if (id === 0 || table[slot] !== id) slot = fill(i);
    const alone = table[slot + 1];
    const longer = table[slot + 2];
    if ((alone | longer) === 0) continue;
    let mask = alone;
    if (longer !== 0 && i + 1 < size && breakBefore[i + 1] === 0) {
      const next = ids[i + 1];
      let nextSlot = (next & (ID_SLOTS - 1)) * SLOT;
      if (next === 0 || table[nextSlot] !== next) nextSlot = fill(i + 1);
      mask |= longer & table[nextSlot + 3];
    }
    if (mask !== 0) {
      positions[count] = i;
      masks[count] = mask;
      count += 1;
    }
  }
  return count;
}

/** Match every lexicon against a document. Hits are sorted by position, then lexicon order. */
export function classify(doc: TokenisedDoc, lexicons: readonly CompiledLexicon[]): ClassifiedDoc {
  return createClassifier(lexicons)(doc);
}
