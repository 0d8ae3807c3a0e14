import { CLITICS, HYPHEN_PREFIXES, isHyphen, withPlainApostrophes } from '../normalise.js';
import type { TokenColumns } from '../token-list.js';
import { countLanguages } from './detect-language.js';
import { isOpeningQuote, isQuoteMark, NegationReader } from './negation.js';
import type { ParagraphColumns } from './paragraph.js';
import { HASH_START, hashStep, Vocabulary, type WordForm } from './vocabulary.js';
import type { WordColumns } from './word-columns.js';

/**
 * The `scan.v1` tokeniser: a character-level scanner that finds words, punctuation, sentences,
 * negation and function-word counts of a paragraph in one pass over char codes, without a
 * model. Its rules follow what wink-nlp does with the same text where that matters for
 * matching: clitics are split off ("state's" → state + 's, "cannot" → can + not), a hyphen is a
 * token of its own between words (phrases still match across it), and a negation cue negates
 * the next three words, up to the next punctuation or clause opener ("but", "as", "however").
 */

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const LEFT_QUOTE = 0x2018;
const MODIFIER_APOSTROPHE = 0x02bc;
/** The apostrophe and the characters read as one: right and left single quotation marks, the modifier letter apostrophe. */
const APOSTROPHES = [APOSTROPHE, RIGHT_QUOTE, LEFT_QUOTE, MODIFIER_APOSTROPHE];
/** The grave accent (a backtick), the acute accent and the prime: read as an apostrophe only between two letters (`withPlainApostrophes`). */
const [GRAVE_ACCENT, ACUTE_ACCENT, PRIME] = [0x60, 0xb4, 0x2032];

const LETTER = 1;
const DIGIT = 2;
const PUNCTUATION = 3;
/** Character classes of the Basic Multilingual Plane: letters and marks, digits, punctuation, other (0). */
const CLASS = (() => {
  const table = new Uint8Array(0x10000);
  const isLetter = /[\p{L}\p{M}]/u;
  const isDigit = /\p{Nd}/u;
  const isPunctuation = /\p{P}/u;
  for (let code = 0x21; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const char = String.fromCharCode(code);
    table[code] = isLetter.test(char) ? LETTER : isDigit.test(char) ? DIGIT : isPunctuation.test(char) ? PUNCTUATION : 0;
  }
  // The modifier letter apostrophe is a letter to Unicode; here it is an apostrophe (`isApostrophe`).
  table[MODIFIER_APOSTROPHE] = table[APOSTROPHE];
  return table;
})();

const PERIOD = 0x2e;
const HYPHEN = 0x2d;
/** Unicode's hyphen and non-breaking hyphen, which join a word as `-` does (a dash does not). */
const [UNICODE_HYPHEN, NON_BREAKING_HYPHEN] = [0x2010, 0x2011];
const SENTENCE_ENDS = new Set([PERIOD, 0x21, 0x3f, 0x2026]);
/** Closing quotes and brackets that may follow a sentence end. */
const CLOSERS = new Set([0x22, ...APOSTROPHES, 0x29, 0x5d, 0x201d, 0xbb]);
/** Opening quotes and brackets that may start a sentence. */
const OPENERS = new Set([0x22, ...APOSTROPHES, 0x28, 0x5b, 0x201c, 0xab]);
/** Lower-cased words after which a period does not end a sentence. */
const ABBREVIATIONS = new Set(
  'mr mrs ms messrs dr prof st sr jr mt nr para paras subpara subparas sect sects reg regs ch chap pp vol fig cf vs al e.g i.e u.s u.k u.n ph.d sec gen col lt sgt hon rev ltd inc co corp dept approx jan feb mar apr jun jul aug sep sept oct nov dec op cit ibid'.split(' '),
);
/**
 * Abbreviations only before a number ("No. 2016/399", "Art. 5", "A/48/1/Add. 1", "Res. 242"):
 * they are words too, so before anything else their period may end a sentence ("The answer is
 * no. We …").
 */
const NUMBER_ABBREVIATIONS = new Set('no nos art arts add corr res suppl'.split(' '));

/** True for `'` and the characters read as it (`APOSTROPHES`). */
export function isApostrophe(code: number): boolean {
  return code === APOSTROPHE || code === RIGHT_QUOTE || code === LEFT_QUOTE || code === MODIFIER_APOSTROPHE;
}

/** The hyphen a word may hold after a prefix (`isJoiner`), dropped from its key. */
const JOINING_HYPHEN = /[-\u2010\u2011]/;

/** `text` with Unicode's hyphen and non-breaking hyphen made `-` (one char code each: offsets stay), for a tokeniser that joins only `-`. */
export function withPlainHyphens(text: string): string {
  return /[\u2010\u2011]/.test(text) ? text.replace(/[\u2010\u2011]/g, '-') : text;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x3000;
}

function isUpperStart(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code >= 0x41 && code <= 0x5a) return true;
  if (CLASS[code] === DIGIT) return true;
  if (code < 0x80 || CLASS[code] !== LETTER) return false;
  const char = text[at];
  return char.toLowerCase() !== char;
}

/**
 * Scan `text[from, to)`. A word is a run of letters and digits, joined by apostrophes or inner
 * periods, that holds a letter; a clitic after an apostrophe is a word of its own. A
 * sentence ends at `. ! ? …` (and closing quotes or brackets) before a space and a capital or
 * digit, unless the period ends an abbreviation or an initial; a sentence without words is
 * not a sentence. A typographic apostrophe (’ ‘ ʼ) is read as `'` wherever it is, in words and
 * between them, and a grave or acute accent or a prime (` ´ ′) between two letters, as if the
 * text had been folded (`withPlainApostrophes`, without copying it).
 */
export function scanParagraph(text: string, from: number, to: number, tokens: TokenColumns, words: WordColumns, paragraphs: ParagraphColumns): void {
  const scanner = new ParagraphScanner(text, to, VOCABULARY, tokens, words, paragraphs);
  let at = from;
  while (at < to) {
    const code = text.charCodeAt(at);
    if (isWordChar(code)) at = scanner.word(at);
    else if (isSpace(code)) at += 1;
    else at = scanner.marks(at);
  }
  let last = to;
  while (last > from && isSpace(text.charCodeAt(last - 1))) last -= 1;
  scanner.finish(last);
}

/** Word forms met so far in this thread (shared by every paragraph and document: forms recur). */
const VOCABULARY = new Vocabulary();

/** The state of one paragraph's scan: tokens so far, the open sentence and the negation window. */
class ParagraphScanner {
  /** Sentences of this paragraph so far. */
  private sentenceCount = 0;
  /** True when punctuation other than a hyphen, a number or a sentence start came since the last word. */
  private isBroken = true;
  /** This paragraph's first token and first word in the document's columns. */
  private readonly firstToken: number;
  private readonly firstWord: number;
  private wordCount = 0;
  /** Open sentence: its first character (-1: none open), first token (in the document's columns) and words so far. */
  private sentenceStart = -1;
  private sentenceFirst: number;
  private sentenceWords = 0;
  /** The negation window. */
  private readonly negation = new NegationReader();
  /** The token and word of the cue that opened the negation window. */
  private cueToken = 0;
  private cueWord = 0;
  /** The last letter-or-digit run, lower-cased, and where it ended (to recognise abbreviations). */
  private lastWord = '';
  private lastWordEnd = -1;

  constructor(
    private readonly text: string,
    private readonly to: number,
    private readonly vocabulary: Vocabulary,
    /** The document's token and word columns, which this paragraph's tokens and words are added to as they are found. */
    private readonly tokens: TokenColumns,
    private readonly words: WordColumns,
    /** The document's paragraph columns, where this paragraph's sentences and counts go. */
    private readonly paragraphs: ParagraphColumns,
  ) {
    this.firstToken = this.sentenceFirst = tokens.length;
    this.firstWord = words.size;
    paragraphs.open(this.firstToken, this.firstWord);
  }

  /** Read the run of letters and digits at `start` (with its joiners); returns where it ends. */
  word(start: number): number {
    const { text, to } = this;
    let at = start;
    let isPlain = true;
    let hasLetter = false;
    // The hash of the lower-cased word, while it is plain ASCII (-1 once it is not).
    let hash = HASH_START;
    let isAscii = true;
    while (at < to) {
      const code = text.charCodeAt(at);
      if (isWordChar(code)) {
        if (CLASS[code] === LETTER) hasLetter = true;
        if (code < 0x80) hash = hashStep(hash, code);
        else isAscii = false;
        at += 1;
      } else if (at + 1 < to && isWordChar(text.charCodeAt(at + 1)) && isJoiner(text, start, at, code, isPlain)) {
        isPlain = false;
        at += 2;
      } else break;
    }
    // "U.S." and "e.g.": a word with inner periods keeps its final one (a date, "12.6.2026.", does not).
    if (!isPlain && hasLetter && text.charCodeAt(at) === PERIOD && text.lastIndexOf('.', at - 1) > start) at += 1;
    if (this.sentenceStart < 0) this.sentenceStart = start;
    const form = isPlain && isAscii ? this.vocabulary.inText(text, start, at, hash) : undefined;
    // Only a word with joiners can hold an apostrophe.
    const lower = form ? form.norm : isPlain ? text.slice(start, at).toLowerCase() : withPlainApostrophes(text.slice(start, at).toLowerCase());
    const before = this.lastWord;
    this.lastWord = lower;
    this.lastWordEnd = at;
    if (!hasLetter) {
      // "No" before a number cites one ("Regulation (EU) No 2016/399 on border control"): no cue.
      if (this.negation.sinceCue === 0 && before === 'no') this.negation.close();
      this.tokens.add(start, at, lower, lower, false, this.negation.isInWindow(), 0);
      this.isBroken = true;
    } else if (lower === 'cannot') {
      this.pushWord(start, start + 3, this.vocabulary.of('can'));
      this.pushWord(start + 3, at, this.vocabulary.of('not'));
    } else if (isPlain) this.pushWord(start, at, form ?? this.vocabulary.of(lower));
    else this.pushComplexWord(start, at, lower);
    return at;
  }

  /** Read punctuation or symbols at `at` (a sentence end takes its closing quotes along); returns where they end. */
  marks(at: number): number {
    const { text, to } = this;
    const code = text.charCodeAt(at);
    if (this.sentenceStart < 0) this.sentenceStart = at;
    const isEnd = SENTENCE_ENDS.has(code);
    let end = at + 1;
    if (isEnd) while (end < to && (SENTENCE_ENDS.has(text.charCodeAt(end)) || CLOSERS.has(text.charCodeAt(end)))) end += 1;
    // Two hyphens stand for a dash, as in plain text ("border--control"): they break a phrase and a clause, as a dash does.
    const isDash = isHyphen(text[at]) && (text[at + 1] === text[at] || text[at - 1] === text[at]);
    for (let mark = at; mark < end; mark++) {
      const char = isApostrophe(text.charCodeAt(mark)) ? "'" : text[mark];
      this.tokens.add(mark, mark + 1, char, char, false, false, 0);
      if (!isHyphen(char) || isDash) this.isBroken = true;
    }
    // A hyphen between words ("not a well-known threat") is not a clause's end, nor is a quotation mark, mostly.
    if (isQuoteMark(text[at])) this.negation.quote(isOpeningQuote(text[at], text[at - 1] ?? '', text[at + 1] ?? ''));
    else if (CLASS[code] === PUNCTUATION && (!isHyphen(text[at]) || isDash)) this.negation.close();
    const isAfterAbbreviation = code === PERIOD && this.lastWordEnd === at && isAbbreviation(this.lastWord, firstAfterSpaces(text, end, to));
    if (isEnd && isSentenceEnd(text, at, end, to, isAfterAbbreviation)) this.endSentence(end);
    return end;
  }

  /** Close the open sentence at `last`, and the paragraph. */
  finish(last: number): void {
    if (this.sentenceStart >= 0) this.endSentence(Math.max(last, this.sentenceStart));
    const { words } = this;
    words.sentences += this.sentenceCount;
    this.paragraphs.close(this.tokens.length, words.size, this.wordCount);
  }

  private pushWord(start: number, end: number, form: WordForm): void {
    const norm = form.norm;
    const { negation, words } = this;
    const isNegated = negation.read(form.negation, norm);
    if (negation.isWindowWithdrawn) {
      this.tokens.clearNegated(this.cueToken + 1);
      words.clearNegated(this.cueWord + 1);
    } else if (negation.sinceCue === 0) [this.cueToken, this.cueWord] = [this.tokens.length, words.size];
    words.add(this.tokens.length, words.sentences + this.sentenceCount, norm, form.id, this.isBroken, isNegated);
    this.isBroken = false;
    this.tokens.add(start, end, norm, norm, true, isNegated, form.id);
    this.sentenceWords += 1;
    countLanguages(this.paragraphs.counts, form.languages);
  }

  /** A word with a prefix hyphen, apostrophes or inner periods: the hyphen is dropped from its key, a clitic split off. */
  private pushComplexWord(start: number, end: number, lower: string): void {
    const apostrophe = lower.lastIndexOf("'");
    const clitic = apostrophe > 0 ? lower.slice(apostrophe) : '';
    const form = (word: string) => this.vocabulary.of(word.replace(JOINING_HYPHEN, ''));
    if (clitic === "'t" && lower[apostrophe - 1] === 'n' && apostrophe > 1) {
      this.pushWord(start, start + apostrophe - 1, form(lower.slice(0, apostrophe - 1)));
      this.pushWord(start + apostrophe - 1, end, form("n't"));
    } else if (CLITICS.has(clitic)) {
      this.pushWord(start, start + apostrophe, form(lower.slice(0, apostrophe)));
      this.pushWord(start + apostrophe, end, form(clitic));
    } else this.pushWord(start, end, form(lower));
  }

  private endSentence(end: number): void {
    if (this.sentenceWords > 0) {
      this.paragraphs.addSentence(this.sentenceFirst - this.firstToken, this.tokens.length - this.firstToken, this.sentenceStart, end, this.sentenceWords);
      this.sentenceCount += 1;
      this.wordCount += this.sentenceWords;
    } else this.tokens.truncate(this.sentenceFirst);
    this.sentenceStart = -1;
    this.sentenceFirst = this.tokens.length;
    this.sentenceWords = 0;
    this.negation.close();
    this.isBroken = true;
  }
}

/**
 * True when the character `c` at `at` joins the word begun at `start` to the letters after it: an
 * apostrophe; a grave or acute accent or a prime between two letters ("don´t", "people′s"); a
 * period inside "U.S" or "www.un.org" (not "aims.Accordingly", a missing space); a hyphen after a
 * prefix, or before the number that ends a word ("COVID-19").
 */
function isJoiner(text: string, start: number, at: number, c: number, isPlain: boolean): boolean {
  if (isApostrophe(c)) return true;
  if (c === GRAVE_ACCENT || c === ACUTE_ACCENT || c === PRIME) return CLASS[text.charCodeAt(at - 1)] === LETTER && CLASS[text.charCodeAt(at + 1)] === LETTER;
  if (c === PERIOD) {
    // "1.To maintain": a list number before its text, with no space between.
    if (CLASS[text.charCodeAt(at + 1)] === LETTER && isDigits(text, start, at)) return false;
    return at - text.lastIndexOf('.', at - 1) <= 4 || at - start <= 3 || !isUpperStart(text, at + 1);
  }
  return (c === HYPHEN || c === UNICODE_HYPHEN || c === NON_BREAKING_HYPHEN) && isPlain && (HYPHEN_PREFIXES.has(text.slice(start, at).toLowerCase()) || isNumberSuffix(text, at));
}

/** True when the hyphen at `at` joins a letter to a number that ends the word ("COVID-19", "EU-27", "G-77"), which wink-nlp keeps as one token. */
function isNumberSuffix(text: string, at: number): boolean {
  if (CLASS[text.charCodeAt(at - 1)] !== LETTER) return false;
  let end = at + 1;
  while (end < text.length && CLASS[text.charCodeAt(end)] === DIGIT) end += 1;
  return end > at + 1 && !(end < text.length && isWordChar(text.charCodeAt(end)));
}

/** True when `text[start, end)` is all digits. */
function isDigits(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) if (CLASS[text.charCodeAt(at)] !== DIGIT) return false;
  return true;
}

function isWordChar(code: number): boolean {
  return CLASS[code] === LETTER || CLASS[code] === DIGIT;
}

/**
 * True for a lower-cased word after which a period ends no sentence within a paragraph, when
 * `next` is the first character after the period and the spaces after it: `ABBREVIATIONS`, a
 * single letter (an initial), or one of `NUMBER_ABBREVIATIONS` before a digit.
 */
export function isAbbreviation(word: string, next: string): boolean {
  if (ABBREVIATIONS.has(word) || (word.length === 1 && CLASS[word.charCodeAt(0)] === LETTER)) return true;
  return NUMBER_ABBREVIATIONS.has(word) && CLASS[next.charCodeAt(0)] === DIGIT;
}

/** The first character from `at` on that is not a space, or '' at `to`. */
function firstAfterSpaces(text: string, at: number, to: number): string {
  while (at < to && isSpace(text.charCodeAt(at))) at += 1;
  return at < to ? text[at] : '';
}

/** A list item's label after an opening bracket: "(b)", "(iv)", which starts a sentence as a capital does. */
const LIST_LABEL = /(?:[a-z]|[ivx]{2,4})\)/y;

/** True when the end marks at `[at, end)` close a sentence: then a space and a capital or digit, or the paragraph end. */
function isSentenceEnd(text: string, at: number, end: number, to: number, isAfterAbbreviation: boolean): boolean {
  let next = end;
  while (next < to && isSpace(text.charCodeAt(next))) next += 1;
  if (next >= to) return true;
  if (isAfterAbbreviation) return false;
  // "aims.Accordingly": a missing space after a period before a capital.
  if (next === end) return text.charCodeAt(at) === PERIOD && isUpperStart(text, next);
  let openers = 0;
  while (next < to && OPENERS.has(text.charCodeAt(next))) [next, openers] = [next + 1, openers + 1];
  if (next >= to) return false;
  if (isUpperStart(text, next)) return true;
  // "… Member States. (b) the application of …": a list item after a full stop.
  LIST_LABEL.lastIndex = next;
  return openers > 0 && text.charCodeAt(next - 1) === 0x28 && LIST_LABEL.test(text);
}
