import { grown } from '../token-list.js';
import { languageIndexOf, newLanguageCounts, type LanguageCounts } from './detect-language.js';

/** Numbers in a paragraph's row of `ParagraphColumns.paragraphs`. */
const PARAGRAPH_WIDTH = 7;
/** Numbers in a sentence's row of `ParagraphColumns.sentences`. */
const SENTENCE_WIDTH = 5;

/**
 * The paragraphs of a document as a tokeniser reads them, in number columns: a paragraph is a
 * row of seven numbers and a sentence a row of five, not objects and arrays of their own (a
 * text of many short paragraphs, a list or a table of one-word cells, would take a kilobyte a
 * paragraph). One set per thread is reused from document to document (tokenising is
 * synchronous). A tokeniser opens a paragraph (`open`), adds its sentences (`addSentence`) and
 * counts its function words into `counts`, and closes it (`close`).
 */
export class ParagraphColumns {
  /** Per paragraph: first token and token end (in the document's `TokenColumns`), first word and word end (in its `WordColumns`, when the tokeniser fills them), sentence end (in `sentences`), word count, language (index in `LANGUAGES`; -1: too little evidence). */
  private paragraphs = new Int32Array(1024 * PARAGRAPH_WIDTH);
  /** Per sentence: first token and token end (from the paragraph's first token), first character, character end, word count. */
  private sentences = new Int32Array(1024 * SENTENCE_WIDTH);
  /** Function-word counts of the open paragraph. */
  readonly counts: LanguageCounts = newLanguageCounts();
  /** Function-word counts of the paragraphs closed so far. */
  readonly total: LanguageCounts = newLanguageCounts();
  /** Paragraphs closed so far. */
  length = 0;
  /** Sentences added so far. */
  sentenceCount = 0;

  /** This thread's columns, emptied for a new document. */
  static forDocument(): ParagraphColumns {
    ParagraphColumns.giveBackRoom();
    const columns = THREAD_COLUMNS;
    columns.length = columns.sentenceCount = 0;
    columns.counts.fill(0);
    columns.total.fill(0);
    return columns;
  }

  /** Give back the room a large document took (`KEPT_NUMBERS`), once it is tokenised. */
  static giveBackRoom(): void {
    if (THREAD_COLUMNS.paragraphs.length > KEPT_NUMBERS || THREAD_COLUMNS.sentences.length > KEPT_NUMBERS) THREAD_COLUMNS = new ParagraphColumns();
  }

  /** Open a paragraph whose tokens and words start at these indexes (`wordFrom` 0 when the tokeniser fills no word columns). */
  open(tokenFrom: number, wordFrom: number): void {
    if ((this.length + 1) * PARAGRAPH_WIDTH > this.paragraphs.length) this.paragraphs = grown(this.paragraphs);
    const at = this.length * PARAGRAPH_WIDTH;
    this.paragraphs[at] = tokenFrom;
    this.paragraphs[at + 2] = wordFrom;
    this.counts.fill(0);
  }

  /** Add a sentence of the open paragraph: its tokens (from the paragraph's first), characters and words. */
  addSentence(first: number, end: number, start: number, endChar: number, words: number): void {
    if ((this.sentenceCount + 1) * SENTENCE_WIDTH > this.sentences.length) this.sentences = grown(this.sentences);
    const at = this.sentenceCount * SENTENCE_WIDTH;
    this.sentences[at] = first;
    this.sentences[at + 1] = end;
    this.sentences[at + 2] = start;
    this.sentences[at + 3] = endChar;
    this.sentences[at + 4] = words;
    this.sentenceCount += 1;
  }

  /** Close the open paragraph at these token and word ends, with its word count; its language is guessed from `counts`, which go into `total`. */
  close(tokenTo: number, wordTo: number, wordCount: number): void {
    const at = this.length * PARAGRAPH_WIDTH;
    this.paragraphs[at + 1] = tokenTo;
    this.paragraphs[at + 3] = wordTo;
    this.paragraphs[at + 4] = this.sentenceCount;
    this.paragraphs[at + 5] = wordCount;
    this.paragraphs[at + 6] = languageIndexOf(this.counts);
    for (let index = 0; index < this.total.length; index++) this.total[index] += this.counts[index];
    this.length += 1;
  }

  tokenFrom(paragraph: number): number {
    return this.paragraphs[paragraph * PARAGRAPH_WIDTH];
  }

  tokenTo(paragraph: number): number {
    return this.paragraphs[paragraph * PARAGRAPH_WIDTH + 1];
  }

  wordFrom(paragraph: number): number {
    return this.paragraphs[paragraph * PARAGRAPH_WIDTH + 2];
  }

  wordTo(paragraph: number): number {
    return this.paragraphs[paragraph * PARAGRAPH_WIDTH + 3];
  }

  /** The first of the paragraph's sentences (rows of `sentence*`). */
  sentenceFrom(paragraph: number): number {
    return paragraph === 0 ? 0 : this.paragraphs[(paragraph - 1) * PARAGRAPH_WIDTH + 4];
  }

  /** The end of the paragraph's sentences. */
  sentenceTo(paragraph: number): number {
    return this.paragraphs[paragraph * PARAGRAPH_WIDTH + 4];
  }

  wordCount(paragraph: number): number {
    return this.paragraphs[paragraph * PARAGRAPH_WIDTH + 5];
  }

  /** The paragraph's language (index in `LANGUAGES`), or -1 when its function words are too few to tell. */
  language(paragraph: number): number {
    return this.paragraphs[paragraph * PARAGRAPH_WIDTH + 6];
  }

  /** Sentence `sentence`'s first token, from its paragraph's first. */
  sentenceFirst(sentence: number): number {
    return this.sentences[sentence * SENTENCE_WIDTH];
  }

  /** Sentence `sentence`'s token end, from its paragraph's first token. */
  sentenceEnd(sentence: number): number {
    return this.sentences[sentence * SENTENCE_WIDTH + 1];
  }

  sentenceStartChar(sentence: number): number {
    return this.sentences[sentence * SENTENCE_WIDTH + 2];
  }

  sentenceEndChar(sentence: number): number {
    return this.sentences[sentence * SENTENCE_WIDTH + 3];
  }

  sentenceWords(sentence: number): number {
    return this.sentences[sentence * SENTENCE_WIDTH + 4];
  }
}

/** Numbers a thread's columns keep from document to document; a larger document's are given back. */
const KEPT_NUMBERS = 1 << 20;

let THREAD_COLUMNS = new ParagraphColumns();
