/** How to read a hyphen at a line end that the document gives no evidence on. */
export interface HyphenSettings {
  /**
   * True for typeset text (a PDF), where a hyphen at a line end mostly breaks a word: the parts
   * are one word. False for plain text, whose line-end hyphens are mostly a compound's own
   * ("high-" / "level"): the parts are left as they are.
   */
  readonly isWordBreakByDefault: boolean;
}

const LETTER = /[\p{L}\p{M}]/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/**
 * Join the words hyphenated at a line end ("protec-" / "tion"), within a paragraph, where the
 * second part goes on in lower case (or both parts are in capitals). After a soft hyphen the
 * parts are one word. After a hyphen the document decides: the parts are one word where it
 * writes them so elsewhere ("protection"); they keep their hyphen where it writes them hyphenated
 * and never as one ("third-" / "country", "on-the-" / "spot"), or as two words and never as one
 * ("human-" / "rights" where it writes "human rights": a phrase reads on over the hyphen). Where
 * it writes them none of these ways,
 * `isWordBreakByDefault` decides: one word ("non-discrimina-" / "tory": "non-discriminatory"; a
 * lexicon's hyphenated term matches its solid form too, so "cross-" / "border" read as
 * "crossborder" still matches `cross-border`), or left as they are. A line break that goes
 * reads as a space would: within a paragraph, it is one. One pass over the line ends; the
 * document is searched only for the words that hyphens at them break, and past a few such
 * searches its words are indexed once (`DocumentWords`), so the time stays linear in its length.
 */
export function joinHyphenated(text: string, { isWordBreakByDefault }: HyphenSettings = { isWordBreakByDefault: true }): string {
  const breaks = lineEndBreaks(text);
  if (breaks.length === 0) return text;
  // The document lower-cased, its hyphens `-`, as its words are looked for: made once, when first needed.
  let lower: string | undefined;
  const lowerText = () => (lower ??= text.toLowerCase().replace(/\u2010/g, '-'));
  let words: DocumentWords | undefined;
  // The parts of words broken at a hyphen that the document writes as two words, one space apart: found in one pass over it.
  let spaced: Set<string> | undefined;
  const spacedOf = () => (spaced ??= spacedPairs(lowerText(), new Set(breaks.filter((part) => part.hyphen !== '\u00ad').map(({ first, second }) => `${first} ${second}`.toLowerCase()))));
  let out = '';
  let done = 0;
  for (const { start, end, first, hyphen, second } of breaks) {
    if (start < done) continue;
    let joined: string | undefined;
    if (hyphen === '\u00ad') joined = first + second;
    else {
      words ??= new DocumentWords(lowerText());
      const [solid, hyphenated] = [`${first}${second}`, `${first}-${second}`].map((word) => word.toLowerCase().replace(/\u2010/g, '-'));
      if (words.has(solid)) joined = first + second;
      else if (words.has(hyphenated) || spacedOf().has(`${first} ${second}`.toLowerCase())) joined = first + hyphen + second;
      else if (isWordBreakByDefault) joined = first + second;
    }
    if (joined === undefined) continue;
    out += text.slice(done, start) + joined;
    done = end;
  }
  return done === 0 ? text : out + text.slice(done);
}

/** A word broken at a line end: its first part `[start, …)` up to the hyphen, the hyphen, its second part up to `end`. */
interface LineEndBreak {
  readonly start: number;
  readonly end: number;
  readonly first: string;
  readonly hyphen: string;
  readonly second: string;
}

/** Every word broken by a hyphen at a line end whose second part goes on the first (`isContinued`), in order. */
function lineEndBreaks(text: string): LineEndBreak[] {
  const breaks: LineEndBreak[] = [];
  for (let lineEnd = text.indexOf('\n'); lineEnd >= 0; lineEnd = text.indexOf('\n', lineEnd + 1)) {
    let hyphenAt = lineEnd - 1;
    while (isSpaceOrTab(text, hyphenAt)) hyphenAt -= 1;
    if (hyphenAt < 0 || !isBreakHyphen(text, hyphenAt)) continue;
    let after = lineEnd + 1;
    while (isSpaceOrTab(text, after)) after += 1;
    const start = firstPartStart(text, hyphenAt);
    let end = after;
    while (end < text.length && isLetter(text, end)) end += 1;
    if (start === hyphenAt || end === after) continue;
    const [first, hyphen, second] = [text.slice(start, hyphenAt), text[hyphenAt], text.slice(after, end)];
    if (isContinued(first, second)) breaks.push({ start, end, first, hyphen, second });
  }
  return breaks;
}

/** Of `pairs` ("first second"), those that `lower` (the document, lower-cased) writes as two words with only spaces between them. */
function spacedPairs(lower: string, pairs: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  if (pairs.size === 0) return found;
  // The word before, while only spaces have followed it.
  let previous: string | undefined;
  for (let at = 0; at < lower.length; ) {
    if (!isWordChar(lower, at)) {
      if (lower[at] !== ' ') previous = undefined;
      at += 1;
      continue;
    }
    const start = at;
    while (at < lower.length && isWordChar(lower, at)) at += 1;
    const word = lower.slice(start, at);
    if (previous !== undefined && pairs.has(`${previous} ${word}`)) found.add(`${previous} ${word}`);
    previous = word;
  }
  return found;
}

function isLetter(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  return LETTER.test(text[at]);
}

function isWordChar(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
  return WORD_CHAR.test(text[at]);
}

const isHyphen = (text: string, at: number) => text[at] === '-' || text[at] === '\u2010';
const isSpaceOrTab = (text: string, at: number) => text[at] === ' ' || text[at] === '\t';
/** A hyphen or a soft hyphen: what may break a word at a line end. */
const isBreakHyphen = (text: string, at: number) => isHyphen(text, at) || text[at] === '\u00ad';

/** Where the word that a line-end hyphen at `hyphenAt` breaks starts: its letters, and the parts it is hyphenated from ("on-the-"). */
function firstPartStart(text: string, hyphenAt: number): number {
  let start = hyphenAt;
  for (;;) {
    while (start > 0 && isLetter(text, start - 1)) start -= 1;
    if (start === hyphenAt || start < 2 || !isHyphen(text, start - 1) || !isLetter(text, start - 2)) return start;
    start -= 1;
  }
}

/** Searches of a document (`occursAsWord`) before its words are indexed instead (`wordsOf`): each search may read the whole document, the index reads it once but costs several searches. */
const SEARCHES_BEFORE_INDEX = 8;

/** Which words occur in a document as words of their own: searched for in it a few times, then looked up in an index of its words; both give the same answers. */
class DocumentWords {
  private searches = 0;
  private index?: Set<string>;

  /** `lower`: the document, lower-cased. */
  constructor(private readonly lower: string) {}

  has(word: string): boolean {
    if (this.index === undefined && this.searches < SEARCHES_BEFORE_INDEX) {
      this.searches += 1;
      return occursAsWord(this.lower, word);
    }
    this.index ??= wordsOf(this.lower);
    return this.index.has(word);
  }
}

/**
 * True when `word` occurs in `lower` (the document, lower-cased) as a word of its own: not inside
 * a longer word or hyphenated compound, nor a part of a word broken at a line end (no evidence).
 */
function occursAsWord(lower: string, word: string): boolean {
  for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
    const end = at + word.length;
    const isJoinedBefore = at > 0 && (isWordChar(lower, at - 1) || (isHyphen(lower, at - 1) && at > 1 && isWordChar(lower, at - 2)) || isAfterLineEndHyphen(lower, at));
    const isJoinedAfter = end < lower.length && (isWordChar(lower, end) || (isHyphen(lower, end) && end + 1 < lower.length && isWordChar(lower, end + 1)) || isLineEndHyphenAt(lower, end));
    if (!isJoinedBefore && !isJoinedAfter) return true;
  }
  return false;
}

/**
 * The words of `lower` (the document, lower-cased) that occur as words of their own: each run of
 * word characters, with the runs hyphenated to it ("on-the-spot"), that is not a part of a word
 * broken at a line end (no evidence): the words for which `occursAsWord` is true.
 */
function wordsOf(lower: string): Set<string> {
  const words = new Set<string>();
  let at = 0;
  while (at < lower.length) {
    if (!isWordChar(lower, at)) {
      at += 1;
      continue;
    }
    const start = at;
    for (;;) {
      while (at < lower.length && isWordChar(lower, at)) at += 1;
      if (!(isHyphen(lower, at) && at + 1 < lower.length && isWordChar(lower, at + 1))) break;
      at += 1;
    }
    if (!isAfterLineEndHyphen(lower, start) && !isLineEndHyphenAt(lower, at)) words.add(lower.slice(start, at));
  }
  return words;
}

/** True when a hyphen at `at` ends its line (spaces aside). */
function isLineEndHyphenAt(text: string, at: number): boolean {
  if (!isBreakHyphen(text, at)) return false;
  let next = at + 1;
  while (isSpaceOrTab(text, next)) next += 1;
  return text[next] === '\n';
}

/** True when the line that `at` starts (spaces aside) follows a line that ends in a hyphen. */
function isAfterLineEndHyphen(text: string, at: number): boolean {
  let before = at - 1;
  while (isSpaceOrTab(text, before)) before -= 1;
  if (text[before] !== '\n') return false;
  before -= 1;
  while (isSpaceOrTab(text, before)) before -= 1;
  return before >= 0 && isBreakHyphen(text, before);
}

/** True when `second` goes on the word `first` began: it starts in lower case, or both are in capitals ("COUN-" / "CIL"). */
function isContinued(first: string, second: string): boolean {
  if (/^\p{Ll}/u.test(second)) return true;
  return first.toUpperCase() === first && second.toUpperCase() === second && first.toLowerCase() !== first;
}
