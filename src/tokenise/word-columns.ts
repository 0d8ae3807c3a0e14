import type { WordStream } from '../document.js';
import { grown, isGivenBack, reserved } from '../token-list.js';
import type { ParagraphColumns } from './paragraph.js';
import { FORM_SPACE } from './vocabulary.js';

/**
 * The columns of a document's `WordStream`, filled paragraph by paragraph as `scan.v1` reads
 * words. One set per thread is reused from document to document (tokenising is synchronous);
 * `stream` copies the document's words out. Token and sentence indexes count every paragraph
 * read so far, scored or not.
 */
export class WordColumns {
  private tokenIndex = new Int32Array(4096);
  private sentence = new Int32Array(4096);
  private formIds = new Int32Array(4096);
  private breakBefore = new Uint8Array(4096);
  private negated = new Uint8Array(4096);
  private keys: string[] = [];
  /** Words so far. */
  size = 0;
  /** Sentences of the paragraphs read so far. */
  sentences = 0;

  /** This thread's columns, emptied for a new document; with room for `expected` words when that is more than is kept between documents. */
  static forDocument(expected = 0): WordColumns {
    WordColumns.giveBackRoom();
    const columns = THREAD_COLUMNS;
    columns.size = columns.sentences = 0;
    if (isGivenBack(expected)) {
      [columns.tokenIndex, columns.sentence, columns.formIds] = [reserved(columns.tokenIndex, expected), reserved(columns.sentence, expected), reserved(columns.formIds, expected)];
      [columns.breakBefore, columns.negated] = [reserved(columns.breakBefore, expected), reserved(columns.negated, expected)];
    }
    return columns;
  }

  /** Give back the room a large document took (`KEPT_CAPACITY`), once its words are copied out (`stream`). */
  static giveBackRoom(): void {
    if (isGivenBack(THREAD_COLUMNS.tokenIndex.length)) THREAD_COLUMNS = new WordColumns();
  }

  /** Add a word: its token and sentence (indexes in the document so far), form, number, and flags. */
  add(token: number, sentence: number, key: string, formId: number, isBroken: boolean, isNegated: boolean): void {
    const at = this.size;
    if (at === this.tokenIndex.length) this.grow();
    this.tokenIndex[at] = token;
    this.sentence[at] = sentence;
    this.formIds[at] = formId;
    this.breakBefore[at] = isBroken ? 1 : 0;
    this.negated[at] = isNegated ? 1 : 0;
    this.keys[at] = key;
    this.size = at + 1;
  }

  /** Words from `from` on are not negated (a negation window withdrawn once they were read). */
  clearNegated(from: number): void {
    this.negated.fill(0, from, this.size);
  }

  /**
   * The word stream of the scored paragraphs (`isScored[p]` 1 for paragraph `p` of `paragraphs`):
   * the columns as they are when every paragraph is scored, else without the others' words.
   */
  stream(paragraphs: ParagraphColumns, isScored: Uint8Array, wordCount: number): WordStream {
    if (!isScored.every((scored) => scored === 1)) this.keepOnly(paragraphs, isScored);
    const size = this.size;
    if (size !== wordCount) throw new Error(`word stream: ${size} words in paragraphs, ${wordCount} counted`);
    // Columns to be given back are handed over, not copied (a copy would hold a very large document's words twice at once).
    if (isGivenBack(this.tokenIndex.length)) return this.handOver(size);
    // One buffer for the number columns of the document.
    const numbers = new Int32Array(size * 3);
    const flags = new Uint8Array(size * 2);
    numbers.set(this.tokenIndex.subarray(0, size), 0);
    numbers.set(this.sentence.subarray(0, size), size);
    numbers.set(this.formIds.subarray(0, size), size * 2);
    flags.set(this.breakBefore.subarray(0, size), 0);
    flags.set(this.negated.subarray(0, size), size);
    return wordStream([numbers.subarray(0, size), numbers.subarray(size, size * 2), numbers.subarray(size * 2)], [flags.subarray(0, size), flags.subarray(size)], this.keys.slice(0, size));
  }

  /** The first `size` words as a stream over these columns, which start again empty. */
  private handOver(size: number): WordStream {
    const keys = this.keys;
    keys.length = size;
    const stream = wordStream([this.tokenIndex.subarray(0, size), this.sentence.subarray(0, size), this.formIds.subarray(0, size)], [this.breakBefore.subarray(0, size), this.negated.subarray(0, size)], keys);
    const empty = new WordColumns();
    [this.tokenIndex, this.sentence, this.formIds, this.breakBefore, this.negated, this.keys] = [empty.tokenIndex, empty.sentence, empty.formIds, empty.breakBefore, empty.negated, empty.keys];
    [this.size, this.sentences] = [0, 0];
    return stream;
  }

  /** Move each scored paragraph's words down over those left out, its indexes by the tokens and sentences left out before it. */
  private keepOnly(paragraphs: ParagraphColumns, isScored: Uint8Array): void {
    let [at, tokensOut, sentencesOut] = [0, 0, 0];
    for (let paragraph = 0; paragraph < paragraphs.length; paragraph++) {
      if (isScored[paragraph] === 0) {
        tokensOut += paragraphs.tokenTo(paragraph) - paragraphs.tokenFrom(paragraph);
        sentencesOut += paragraphs.sentenceTo(paragraph) - paragraphs.sentenceFrom(paragraph);
        continue;
      }
      const [from, to] = [paragraphs.wordFrom(paragraph), paragraphs.wordTo(paragraph)];
      for (let i = from; i < to; i++, at++) {
        this.tokenIndex[at] = this.tokenIndex[i] - tokensOut;
        this.sentence[at] = this.sentence[i] - sentencesOut;
        this.formIds[at] = this.formIds[i];
        this.breakBefore[at] = this.breakBefore[i];
        this.negated[at] = this.negated[i];
        this.keys[at] = this.keys[i];
      }
    }
    this.size = at;
  }

  private grow(): void {
    [this.tokenIndex, this.sentence, this.formIds] = [grown(this.tokenIndex), grown(this.sentence), grown(this.formIds)];
    [this.breakBefore, this.negated] = [grown(this.breakBefore), grown(this.negated)];
  }
}

/** A word stream of these columns (a word's lemma is its form: `scan.v1` does not lemmatise). */
function wordStream([tokenIndex, sentence, formIds]: readonly Int32Array[], [breakBefore, negated]: readonly Uint8Array[], keys: string[]): WordStream {
  return { tokenIndex, sentence, formIds, breakBefore, negated, keys, lemmas: keys, formSpace: FORM_SPACE };
}

let THREAD_COLUMNS = new WordColumns();
