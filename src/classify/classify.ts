import { ROLE_ALONE, ROLE_FIRST, ROLE_LATER, type ClassifiedDoc, type CompiledLexicon, type Hit, type TokenisedDoc, type WordStream } from '../document.js';
import { FormRows, WORKED_OUT, type FillRow } from '../form-rows.js';
import { prefixesByFirstChar } from '../lexicon/word-step.js';
import { buildWordStream } from './word-stream.js';

/** Largest number of lexicons the start pre-filter covers (bits of a 32-bit mask). */
const MAX_FILTERED = 31;
/** Words of the largest document whose candidate lists are kept for the next one (about a million). */
const KEPT_CANDIDATES = 1 << 20;

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
  // can be this word alone, start here and go on, or go on with it. For up to two lexicons a
  // form's mark holds its whole row (`packRow`).
  const isPacked = filtered.length <= MAX_PACKED;
  let roles: MergedRoles | undefined;
  // Worked out when the first word form is met (the lexicons' tries are built when first used).
  const fill: FillRow = (key, lemma, table, at) => (roles ??= new MergedRoles(filtered)).fill(key, lemma, table, at);
  const rows = isPacked ? new FormRows(3, fill, packRow) : new FormRows(3, fill);
  // Candidate lists are reused from document to document (classifying is synchronous), up to
  // `KEPT_CANDIDATES` words; a larger document has lists of its own, dropped after it.
  let kept = { positions: new Int32Array(1024), masks: new Int32Array(1024) };
  return (doc) => {
    const stream = doc.words ?? buildWordStream(doc);
    const size = stream.keys.length;
    if (kept.positions.length < size && size <= KEPT_CANDIDATES) kept = { positions: new Int32Array(size * 2), masks: new Int32Array(size * 2) };
    const { positions, masks: startMasks } = size <= KEPT_CANDIDATES ? kept : { positions: new Int32Array(size), masks: new Int32Array(size) };
    const isNumbered = rows.use(stream);
    // Packed marks are read only for numbered words (others have none).
    const count = isPacked && isNumbered ? scanPackedCandidates(stream, rows, positions, startMasks) : scanCandidates(stream, rows, positions, startMasks);
    const words: WordStream = { ...stream, candidates: { positions, masks: startMasks, count } };
    // Each lexicon's hits are in position order; merged by position, then lexicon order.
    let hits: Hit[] = [];
    for (let index = 0; index < lexicons.length; index++) {
      const found = lexicons[index].hits(words, index < MAX_FILTERED ? 1 << index : undefined);
      hits = index === 0 ? found : mergeByPosition(hits, found);
    }
    return { ...doc, hits };
  };
}

/** Two lists of hits in position order, merged: at the same position, those of `earlier` first. */
function mergeByPosition(earlier: Hit[], later: Hit[]): Hit[] {
  if (later.length === 0) return earlier;
  if (earlier.length === 0) return later;
  const merged: Hit[] = new Array(earlier.length + later.length);
  let [a, b] = [0, 0];
  for (let at = 0; at < merged.length; at++) {
    merged[at] = b === later.length || (a < earlier.length && earlier[a].range[0] <= later[b].range[0]) ? earlier[a++] : later[b++];
  }
  return merged;
}

/**
 * The keys that give a word a role (`CompiledLexicon.roleKeys`) in any of several lexicons,
 * merged: each key holds its row of masks (bit `b` for the lexicon at index `b`) of where a term
 * can be the word alone, start there and go on, go on with it. A word form met for the first
 * time is looked up once in all lexicons together, not in each lexicon's maps in turn.
 */
export class MergedRoles {
  /** Forms and lemmas together, for a word whose lemma is its form (most words). */
  private readonly sameForms = new Map<string, Int32Array>();
  private readonly forms = new Map<string, Int32Array>();
  private readonly lemmas = new Map<string, Int32Array>();
  private readonly otherLemmas = new Map<string, Int32Array>();
  private readonly prefixes: Map<number, [prefix: string, row: Int32Array][]>;

  constructor(lexicons: readonly CompiledLexicon[]) {
    const prefixes = new Map<string, Int32Array>();
    lexicons.forEach((lexicon, index) => {
      const keys = lexicon.roleKeys();
      for (const [key, role] of keys.forms) [this.forms, this.sameForms].forEach((rows) => noteRole(rows, key, role, index));
      for (const [key, role] of keys.lemmas) [this.lemmas, this.sameForms].forEach((rows) => noteRole(rows, key, role, index));
      for (const [key, role] of keys.otherLemmas) noteRole(this.otherLemmas, key, role, index);
      for (const [prefix, role] of keys.prefixes) noteRole(prefixes, prefix, role, index);
    });
    this.prefixes = prefixesByFirstChar(prefixes);
  }

  /** Add the masks of a word with this form and lemma into `table` from `at` (a `FillRow`). */
  fill(key: string, lemma: string, table: Int32Array, at: number): void {
    if (key === lemma) addRow(this.sameForms.get(key), table, at);
    else {
      addRow(this.forms.get(key), table, at);
      addRow(this.lemmas.get(lemma), table, at);
      addRow(this.otherLemmas.get(lemma), table, at);
    }
    const prefixes = this.prefixes.get(key.charCodeAt(0));
    if (prefixes) for (let i = 0; i < prefixes.length; i++) if (key.startsWith(prefixes[i][0])) addRow(prefixes[i][1], table, at);
  }
}

/** Set the bit of lexicon `index` in the masks of `key`'s row for the `ROLE_*` bits of `role`. */
function noteRole(rows: Map<string, Int32Array>, key: string, role: number, index: number): void {
  let row = rows.get(key);
  if (row === undefined) rows.set(key, (row = new Int32Array(3)));
  addRoleMasks(row, 0, role, index);
}

/** Set the bit of lexicon `index` in the three masks from `at` (word alone, first word, later word) for the `ROLE_*` bits of `role`. */
export function addRoleMasks(masks: { [at: number]: number }, at: number, role: number, index: number): void {
  if ((role & ROLE_ALONE) !== 0) masks[at] |= 1 << index;
  if ((role & ROLE_FIRST) !== 0) masks[at + 1] |= 1 << index;
  if ((role & ROLE_LATER) !== 0) masks[at + 2] |= 1 << index;
}

function addRow(row: Int32Array | undefined, table: Int32Array, at: number): void {
  if (row === undefined) return;
  table[at] |= row[0];
  table[at + 1] |= row[1];
  table[at + 2] |= row[2];
}

/** Lexicons whose rows fit in a form's mark: three masks of a bit per lexicon, below `WORKED_OUT`. */
const MAX_PACKED = 2;
/** One mask of a packed mark. */
const PACKED_MASK = (1 << MAX_PACKED) - 1;

/** A form's mark that holds its whole row, for up to `MAX_PACKED` lexicons: the masks of where a term can be the word alone, start there and go on, go on with it, from the lowest bits. */
function packRow(table: Int32Array, row: number): number {
  return table[row] | (table[row + 1] << MAX_PACKED) | (table[row + 2] << (2 * MAX_PACKED));
}

/** Bits of a form's mark when it is not packed (`FormRows.marks`): the row's columns that are not zero, where a term can be the word alone, start there and go on, go on with it. */
const [ALONE, LONGER, CONTINUES] = [1, 2, 4];

/**
 * Write the words where some lexicon can match, and the mask of those lexicons, to `positions`
 * and `masks`; return how many. A word is kept for a lexicon when a term can be that word
 * alone, or can start there and go on with the next word (no break between them). A word whose
 * mark (`FormRows.marks`, its unpacked bits) says it starts no term is passed over, and the
 * others' rows are read from the table (after `rows.use(words)`). The mark is an array of tens of
 * KB that stays in the caches; the table is a megabyte or more, read at random, which the
 * tokeniser pushes out of them. Words without numbers have no mark: every row is read. Packed
 * marks are read by `scanPackedCandidates`.
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
      const next = rows.markOf(words, i + 1);
      if (next === 0 || (next & CONTINUES) !== 0) mask |= longer & table[rows.rowOf(words, i + 1) + 2];
    }
    if (mask !== 0) {
      positions[count] = i;
      masks[count] = mask;
      count += 1;
    }
  }
  return count;
}

/**
 * `scanCandidates` for words numbered by their tokeniser when every form's row is packed in its
 * mark: each word's mark is read once, in order, and the candidates are written without a branch
 * on what the word is (a fifth of words can start a term, in no pattern the processor could
 * predict). A mark not yet worked out is worked out as it is met.
 */
function scanPackedCandidates(words: WordStream, rows: FormRows, positions: Int32Array, masks: Int32Array): number {
  const { formIds, breakBefore } = words;
  const size = words.keys.length;
  if (size === 0) return 0;
  let marks = rows.marks;
  let count = 0;
  let mark = packedMarkAt(words, rows, 0);
  for (let i = 0; i < size; i++) {
    let next = 0;
    // Where a term can go on with the next word (none past the last word, or across a break).
    let goesOn = 0;
    if (i + 1 < size) {
      // `FormRows.markOf`, read here from the marks in hand (the words are numbered).
      const id = formIds[i + 1];
      next = id < marks.length ? marks[id] : 0;
      if (next === 0) {
        next = packedMarkAt(words, rows, i + 1);
        marks = rows.marks;
      }
      goesOn = (next >>> (2 * MAX_PACKED)) & (breakBefore[i + 1] - 1);
    }
    const mask = (mark & PACKED_MASK) | ((mark >>> MAX_PACKED) & goesOn & PACKED_MASK);
    positions[count] = i;
    masks[count] = mask;
    count += (mask | -mask) >>> 31;
    mark = next;
  }
  return count;
}

/** The packed mark of word `i` (`packRow`, with `FormRows.WORKED_OUT`), its row worked out if it is met for the first time; for a form that gets no mark (`FormRows.marks`), made from its row. */
function packedMarkAt(words: WordStream, rows: FormRows, i: number): number {
  const row = rows.rowOf(words, i);
  const mark = rows.markOf(words, i);
  return mark !== 0 ? mark : WORKED_OUT | packRow(rows.table, row);
}

/** Match every lexicon against a document. Hits are sorted by position, then lexicon order. */
export function classify(doc: TokenisedDoc, lexicons: readonly CompiledLexicon[]): ClassifiedDoc {
  return createClassifier(lexicons)(doc);
}
