import type { ClassifiedDoc, CompiledLexicon, Hit, TokenisedDoc, WordStream } from '../document.js';
import { FormRows } from '../form-rows.js';
import { buildWordStream } from './word-stream.js';

/** Largest number of lexicons the start pre-filter covers (bits of a 32-bit mask). */
const MAX_FILTERED = 31;

/** Classify documents with a fixed set of lexicons (build once per run, S7). */
export type Classifier = (doc: TokenisedDoc) => ClassifiedDoc;

/**
 * A classifier for a set of lexicons. For each word form it remembers which lexicons have an
 * entry that can start there, and which have one that can go on with it, so each lexicon's
 * matcher tries only the words where a term can be that word alone or go on with the next:
 * the cost per word is one lookup, however many lexicons and entries there are.
 */
export function createClassifier(lexicons: readonly CompiledLexicon[]): Classifier {
  const filtered = lexicons.slice(0, MAX_FILTERED);
  // What a word form is to each lexicon (bit `b` for the lexicon at index `b`): where an entry
  // can be this word alone, start here and go on, or go on with it.
  const rows = new FormRows(3, (key, lemma, table, at) => {
    filtered.forEach((lexicon, index) => {
      const starts = lexicon.startsAt(key, lemma);
      if (starts.alone) table[at] |= 1 << index;
      if (starts.longer) table[at + 1] |= 1 << index;
      if (lexicon.continuesAt(key, lemma)) table[at + 2] |= 1 << index;
    });
  });
  // Candidate lists are reused from document to document (classifying is synchronous).
  let positions = new Int32Array(1024);
  let startMasks = new Int32Array(1024);
  return (doc) => {
    const stream = doc.words ?? buildWordStream(doc);
    const size = stream.keys.length;
    if (positions.length < size) [positions, startMasks] = [new Int32Array(size * 2), new Int32Array(size * 2)];
    rows.use(stream);
    const count = scanCandidates(stream, rows, positions, startMasks);
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

/** Bits of a form's mark in the classifier's rows (`FormRows.marks`): a term can be the word alone, start there and go on, go on with it. */
const [ALONE, LONGER, CONTINUES] = [1, 2, 4];

/**
 * Write the words where some lexicon can match, and the mask of those lexicons, to `positions`
 * and `masks`; return how many. A word is kept for a lexicon when a term can be that word
 * alone, or can start there and go on with the next word (no break between them). A word whose
 * form is marked as starting no term is passed over on its mark (`FormRows.marks`); the others'
 * masks are read from their rows, in one loop (after `rows.use(words)`).
 */
function scanCandidates(words: WordStream, rows: FormRows, positions: Int32Array, masks: Int32Array): number {
  const { table } = rows;
  const { breakBefore } = words;
  const size = words.keys.length;
  let count = 0;
  for (let i = 0; i < size; i++) {
    const mark = rows.markOf(words, i);
    if (mark !== 0 && (mark & (ALONE | LONGER)) === 0) continue;
    const row = rows.rowOf(words, i);
    const alone = table[row];
    const longer = table[row + 1];
    if ((alone | longer) === 0) continue;
    let mask = alone;
    if (longer !== 0 && i + 1 < size && breakBefore[i + 1] === 0) {
      const nextMark = rows.markOf(words, i + 1);
      if (nextMark === 0 || (nextMark & CONTINUES) !== 0) mask |= longer & table[rows.rowOf(words, i + 1) + 2];
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
