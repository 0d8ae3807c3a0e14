import type { SourceDoc, TextSpan, TokenisedDoc, TokenRange } from '../document.js';
import { withPlainApostrophes } from '../normalise.js';
import { TokenColumns } from '../token-list.js';
import { languageIndexOf, languageName } from './detect-language.js';
import { isApostrophe, scanParagraph, withPlainHyphens } from './scan.js';
import { ParagraphColumns } from './paragraph.js';
import { tokeniseParagraph } from './tokenise-paragraph.js';
import { WordColumns } from './word-columns.js';
import { startDocument } from './wink.js';

/** The tokenisers, by the name a pipeline gives (S16): wink-nlp's two configurations and hsframe's scanner. */
export const TOKENISERS = ['wink.v1', 'wink-fast.v1', 'scan.v1'] as const;

/** A tokeniser name. */
export type TokeniserName = (typeof TOKENISERS)[number];

/** Settings of the tokenise stage. */
export interface TokeniseSettings {
  /** Tokeniser and its version; output may change only with this name (S16). */
  readonly tokeniser: TokeniserName;
  /** Language the lexicons are written in; paragraphs in another language are left out. */
  readonly language: string;
}

/** Default tokenise settings. */
export const DEFAULT_TOKENISE_SETTINGS: TokeniseSettings = Object.freeze({ tokeniser: 'scan.v1', language: 'en' });

/**
 * Paragraphs are read one by one; for wink-nlp, whose memory grows with what it reads at once, a
 * paragraph longer than this is cut, at a sentence's start where it can be (`cutBefore`).
 * `scan.v1` reads a paragraph of any length whole: a phrase, a rule's window or a negation is
 * never cut where a long paragraph would be.
 */
const MAX_WINK_CHARS = 100_000;
/** How far back from the longest cut a sentence's start is looked for. */
const SENTENCE_SEARCH_CHARS = 20_000;
/** Letters a word needs before a final `.` for the `.` to end a sentence where a paragraph is cut (not "Art.", "U.S.", "e.g."). */
const MIN_LETTERS_BEFORE_END = 4;
const UPPER = /\p{Lu}/u;
const LETTER = /\p{L}/u;
/** A paragraph needs this many words before its own language can leave it out. */
const MIN_WORDS_FOR_LANGUAGE = 12;
/**
 * Characters of text a token and a word take, at the fewest that running text commonly has: 5.2–6.3
 * and 6.1–8.0 in the bundled documents, 5.5 and 6.1 in the UN General Debate corpus. A larger
 * share of short tokens (a table of numbers) grows the columns as it goes.
 */
const [CHARS_PER_TOKEN, CHARS_PER_WORD] = [5, 5.5];

/**
 * Tokenise a document one paragraph at a time: tokens with offsets, lemmas, negation flags
 * and sentences. Paragraphs in a language other than `settings.language` are left out (their
 * words are counted in `excludedWords`); so is a whole document in another language.
 */
/** Throws for a tokeniser name that is not one of `TOKENISERS` (an argument of the wrong kind, not a problem of the input). */
export function checkTokeniser(tokeniser: string): void {
  if (!(TOKENISERS as readonly string[]).includes(tokeniser)) throw new RangeError(`unknown tokeniser "${tokeniser}": use one of ${TOKENISERS.join(', ')}`);
}

export function tokenise(source: SourceDoc, settings: TokeniseSettings = DEFAULT_TOKENISE_SETTINGS): TokenisedDoc {
  checkTokeniser(settings.tokeniser);
  // Typographic apostrophes, and their look-alikes between two letters ("don´t"), are read as
  // ASCII (same length: offsets are kept), so every tokeniser recognises possessives and
  // contractions alike whichever apostrophe a text uses,
  // and so are Unicode's hyphens after a prefix ("cross‐border"): wink-nlp is given a folded copy; `scan.v1` folds them as it reads, without a copy of the
  // text (`replace` joins its parts lazily, and the first read then copies them whole).
  const tokeniser = settings.tokeniser;
  const text = tokeniser === 'scan.v1' ? source.text : withPlainHyphens(withPlainApostrophes(source.text));
  if (tokeniser !== 'scan.v1') startDocument();
  // Room for the tokens and words a text of this length is expected to hold (`CHARS_PER_TOKEN`), when that is more than is kept between documents.
  const tokenColumns = TokenColumns.forDocument(Math.ceil(text.length / CHARS_PER_TOKEN));
  const columns = tokeniser === 'scan.v1' ? WordColumns.forDocument(Math.ceil(text.length / CHARS_PER_WORD)) : undefined;
  const paragraphs = ParagraphColumns.forDocument();
  splitParagraphs(text, tokeniser === 'scan.v1' ? Infinity : MAX_WINK_CHARS, (from, to) => (tokeniser === 'scan.v1' ? scanParagraph(text, from, to, tokenColumns, columns!, paragraphs) : tokeniseParagraph(text, from, to, tokeniser, tokenColumns, paragraphs)));
  const language = languageName(languageIndexOf(paragraphs.total));
  // Too little evidence (`und`, e.g. one short sentence) is scored; a different language is not.
  const isScoredLanguage = language === settings.language || language === 'und';
  // The scored paragraphs' tokens (runs of them), and how many.
  const tokenRuns: [number, number][] = [];
  let tokenCount = 0;
  const sentences: TokenRange[] = [];
  const sentenceSpans: TextSpan[] = [];
  const paragraphRanges: TokenRange[] = [];
  const paragraphSpans: TextSpan[] = [];
  const isScored = new Uint8Array(paragraphs.length);
  let [wordCount, excludedWords] = [0, 0];
  for (let paragraph = 0; paragraph < paragraphs.length; paragraph++) {
    const paragraphLanguage = languageName(paragraphs.language(paragraph));
    const paragraphWords = paragraphs.wordCount(paragraph);
    const isForeign = paragraphLanguage !== 'und' && paragraphLanguage !== settings.language && paragraphWords >= MIN_WORDS_FOR_LANGUAGE;
    if (isForeign || !isScoredLanguage) {
      excludedWords += paragraphWords;
      continue;
    }
    const [sentenceFrom, sentenceTo] = [paragraphs.sentenceFrom(paragraph), paragraphs.sentenceTo(paragraph)];
    if (sentenceTo === sentenceFrom) continue;
    const offset = tokenCount;
    const [tokenFrom, tokenTo] = [paragraphs.tokenFrom(paragraph), paragraphs.tokenTo(paragraph)];
    const lastRun = tokenRuns[tokenRuns.length - 1];
    if (lastRun !== undefined && lastRun[1] === tokenFrom) lastRun[1] = tokenTo;
    else tokenRuns.push([tokenFrom, tokenTo]);
    tokenCount += tokenTo - tokenFrom;
    for (let sentence = sentenceFrom; sentence < sentenceTo; sentence++) {
      sentences.push([paragraphs.sentenceFirst(sentence) + offset, paragraphs.sentenceEnd(sentence) + offset]);
      sentenceSpans.push({ start: paragraphs.sentenceStartChar(sentence), end: paragraphs.sentenceEndChar(sentence), words: paragraphs.sentenceWords(sentence) });
    }
    // A paragraph of one sentence that spans it shares that sentence's range and span (a list or a table of short cells has one in each paragraph).
    const isOneSentence = sentenceTo - sentenceFrom === 1 && paragraphs.sentenceFirst(sentenceFrom) === 0 && paragraphs.sentenceEnd(sentenceFrom) === tokenTo - tokenFrom;
    paragraphRanges.push(isOneSentence ? sentences[sentences.length - 1] : [offset, tokenCount]);
    paragraphSpans.push(isOneSentence ? sentenceSpans[sentenceSpans.length - 1] : { start: paragraphs.sentenceStartChar(sentenceFrom), end: paragraphs.sentenceEndChar(sentenceTo - 1), words: paragraphWords });
    wordCount += paragraphWords;
    isScored[paragraph] = 1;
  }
  const words = columns?.stream(paragraphs, isScored, wordCount);
  const tokens = tokenColumns.list(tokenRuns);
  // A large document's columns are garbage from here, not kept while it is scored.
  WordColumns.giveBackRoom();
  TokenColumns.giveBackRoom();
  ParagraphColumns.giveBackRoom();
  const doc = { ...source, tokens, sentences, sentenceSpans, paragraphs: paragraphRanges, paragraphSpans, language, wordCount, excludedWords };
  return words ? { ...doc, words } : doc;
}

/** Give `read` the character range of each paragraph in turn: split at blank lines, those longer than `maxChars` again (`cutBefore`). */
function splitParagraphs(text: string, maxChars: number, read: (from: number, to: number) => void): void {
  let start = 0;
  for (let blank = blankLineAt(text, 0); ; blank = blankLineAt(text, start)) {
    const end = blank ? blank[0] : text.length;
    for (let from = start; from < end; ) {
      let to = Math.min(end, from + maxChars);
      if (to < end) to = cutBefore(text, from, to);
      if (hasText(text, from, to)) read(from, to);
      from = to;
    }
    if (!blank) break;
    start = blank[1];
  }
}

/**
 * Where to cut a long paragraph `text[from, ...)` at or before `to`, so that as few phrases,
 * windows and sentences as can be are cut: the start of the last sentence that starts within
 * `SENTENCE_SEARCH_CHARS` of `to` (after `.`, `!` or `?` that ends a word of four letters or
 * more, white space, and a capital letter); else the last line break, else the last space; else `to`.
 */
function cutBefore(text: string, from: number, to: number): number {
  for (let at = to - 2, floor = Math.max(from, to - SENTENCE_SEARCH_CHARS); at > floor; at--) {
    const code = text.charCodeAt(at);
    if ((code !== 0x2e && code !== 0x21 && code !== 0x3f) || !isWhiteSpace(text.charCodeAt(at + 1))) continue;
    let next = at + 1;
    while (next < to && isWhiteSpace(text.charCodeAt(next))) next += 1;
    if (next < to && UPPER.test(text[next]) && (code !== 0x2e || lettersBefore(text, at, MIN_LETTERS_BEFORE_END) >= MIN_LETTERS_BEFORE_END)) return next;
  }
  const lastBreak = Math.max(text.lastIndexOf('\n', to), text.lastIndexOf(' ', to));
  return lastBreak > from ? lastBreak : to;
}

function isWhiteSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Letters just before `at`, counted up to `most` (the modifier letter apostrophe, read as `'` by `isApostrophe`, is not one). */
function lettersBefore(text: string, at: number, most: number): number {
  let count = 0;
  while (count < most && at - count - 1 >= 0 && LETTER.test(text[at - count - 1]) && !isApostrophe(text.charCodeAt(at - count - 1))) count += 1;
  return count;
}

/**
 * The first blank line from `from` on: where its line break starts and where the line break
 * that closes it ends (a line break, spaces, tabs or carriage returns, a line break); none when
 * there is none. Found from one line break to the next, not by a regular expression, which
 * reads the whole of a text that has no blank line.
 */
function blankLineAt(text: string, from: number): readonly [start: number, end: number] | undefined {
  for (let at = text.indexOf('\n', from); at >= 0; at = text.indexOf('\n', at + 1)) {
    let next = at + 1;
    for (let code = text.charCodeAt(next); code === 0x20 || code === 0x09 || code === 0x0d; code = text.charCodeAt(next)) next += 1;
    if (text.charCodeAt(next) === 0x0a) return [at, next + 1];
  }
  return undefined;
}

const NOT_SPACE = /\S/g;

/** True when `text[from, to)` holds something other than white space (found in place, not copied). */
function hasText(text: string, from: number, to: number): boolean {
  NOT_SPACE.lastIndex = from;
  const found = NOT_SPACE.exec(text);
  return found !== null && found.index < to;
}
