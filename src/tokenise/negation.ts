/**
 * A match is negated only within this many words after a negation cue ("not a security
 * threat": 2), not across a whole clause ("without prejudice to … internal security",
 * "spared no effort in addressing terrorism"), as codebook §1 "Negation and distance" asks.
 */
const NEGATION_WINDOW = 3;

// What a word form does to a negation window, as bits (`negationRole`), worked out once per form.
/** Opens a window. */
const CUE = 1;
/** Opens a new clause, and so closes a window ("not force but democratic means"), as in wink-nlp. */
const ENDS_SCOPE = 1 << 1;
/** "not" or "n't": no cue after "or" or "if" (`UNDOES_NOT`). */
const IS_NOT = 1 << 2;
/** "whether or not", "if not all": a "not" right after it negates nothing after it. */
const UNDOES_NOT = 1 << 3;
/** A cue read inside the window of one of these is a double negative ("not without", "no peace without rights"): both are withdrawn. */
const DOUBLABLE = 1 << 4;
/** "without": withdraws, with itself, a window of a `DOUBLABLE` cue it is read in. */
const DOUBLES = 1 << 5;
/** Negated, it asserts what it names: "without discrimination", "no discrimination" assert non-discrimination (codebook §1). It withdraws the window it is in, for the words read in it before it too. */
const ASSERTED = 1 << 6;
// Read right after a cue of the kind, these words withdraw it: "not only X" asserts X.
const AFTER_NOT = 1 << 7;
const AFTER_NO = 1 << 8;
const AFTER_NONE = 1 << 9;
const AFTER_WITHOUT = 1 << 10;

const SCOPE_ENDS = new Set(['but', 'as', 'unless', 'although', 'though', 'however', 'whereas', 'while', 'because', 'yet']);
/** Each cue: its role bits (low byte: `CUE`, `IS_NOT`, `DOUBLABLE`, `DOUBLES`) and, shifted up 8, the `AFTER_…` bit of the words that withdraw it read right after it. */
const CUES = new Map<string, number>([
  ['not', CUE | IS_NOT | DOUBLABLE | (AFTER_NOT << 8)],
  ["n't", CUE | IS_NOT | DOUBLABLE | (AFTER_NOT << 8)],
  ['no', CUE | DOUBLABLE | (AFTER_NO << 8)],
  ['never', CUE | DOUBLABLE],
  ['without', CUE | DOUBLES | (AFTER_WITHOUT << 8)],
  ['nor', CUE],
  ['neither', CUE],
  ['cannot', CUE | DOUBLABLE],
  ['none', CUE | (AFTER_NONE << 8)],
]);
/**
 * Words that withdraw the cue right before them: "not only / just / merely / least / limited to"
 * X, "no doubt", "no less / fewer / greater … than", "none the less", "goes without saying",
 * "without doubt" all assert what follows.
 */
const WITHDRAWING = new Map<string, number>([
  ...['only', 'just', 'merely', 'least', 'limited'].map((word) => [word, AFTER_NOT] as const),
  ...['doubt', 'less', 'fewer', 'greater'].map((word) => [word, AFTER_NO | (word === 'doubt' ? AFTER_WITHOUT : 0)] as const),
  ['the', AFTER_NONE],
  ['saying', AFTER_WITHOUT],
]);

/** The bits of what the lower-cased word form `norm` does to a negation window. */
export function negationRole(norm: string): number {
  let role = (CUES.get(norm) ?? 0) & 0xff;
  if (SCOPE_ENDS.has(norm)) role |= ENDS_SCOPE;
  if (norm === 'or' || norm === 'if') role |= UNDOES_NOT;
  if (norm.startsWith('discriminat')) role |= ASSERTED;
  return role | (WITHDRAWING.get(norm) ?? 0);
}

/** The bit (`AFTER_…`) of the words that withdraw a window opened by the cue `norm`. */
function withdrawnBy(norm: string): number {
  return (CUES.get(norm) ?? 0) >> 8;
}

/** Quotation marks: `OPENING_QUOTES` open one; the others close one, or open one when a word follows and none comes before (`isOpeningQuote`). */
const OPENING_QUOTES = new Set(['\u201c', '\u201e', '\u00ab', '\u2039']);
const QUOTES = new Set([...OPENING_QUOTES, '\u201d', '\u00bb', '\u203a', '"', "'", '\u02bc', '\u2018', '\u2019']);
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** True for a quotation mark. */
export function isQuoteMark(char: string): boolean {
  return QUOTES.has(char);
}

/** True for a quotation mark that opens a quotation, given the characters just `before` and `after` it. */
export function isOpeningQuote(char: string, before: string, after: string): boolean {
  return OPENING_QUOTES.has(char) || (QUOTES.has(char) && WORD_CHAR.test(after) && !WORD_CHAR.test(before));
}

/**
 * The negation window of a paragraph as its words are read, the same in every tokeniser: a cue
 * negates the `NEGATION_WINDOW` words after it, up to a clause's end (punctuation, `ENDS_SCOPE`);
 * a cue is not itself negated, so a match that starts with one ("without discrimination") is
 * never negated by a cue before it. What withdraws a window: a word right after its cue that
 * makes the phrase an assertion (`WITHDRAWING`); a double negative (`DOUBLES`); a word that
 * negation asserts (`ASSERTED`), which also un-negates the words of the window read before it
 * (`isWindowWithdrawn`). "not" after "or" or "if" ("whether or not", "if not all") is no cue.
 */
export class NegationReader {
  /** Words read since the last cue (Infinity: no window open). */
  sinceCue = Infinity;
  /** Set by `read`: the word withdrew the window it was in, so the words read since its cue are not negated either. */
  isWindowWithdrawn = false;
  /** The `AFTER_…` bit that withdraws the open window; whether a "without" in it is a double negative. */
  private withdrawing = 0;
  private isDoublable = false;
  private isAfterUndoer = false;

  /** Read a word of role `role` (`negationRole`) and form `norm`: true when it is negated. */
  read(role: number, norm: string): boolean {
    this.isWindowWithdrawn = false;
    if ((this.sinceCue === 0 && (role & this.withdrawing) !== 0) || (role & ENDS_SCOPE) !== 0) this.sinceCue = Infinity;
    const isNegated = this.sinceCue < NEGATION_WINDOW;
    const isAfterUndoer = this.isAfterUndoer;
    this.isAfterUndoer = (role & UNDOES_NOT) !== 0;
    if (isNegated && (role & ASSERTED) !== 0) {
      this.isWindowWithdrawn = true;
      this.sinceCue = Infinity;
      return false;
    }
    if ((role & CUE) === 0 || ((role & IS_NOT) !== 0 && isAfterUndoer)) {
      this.sinceCue += 1;
      return isNegated;
    }
    if (isNegated && this.isDoublable && (role & DOUBLES) !== 0) {
      this.sinceCue = Infinity;
      return false;
    }
    this.sinceCue = 0;
    this.withdrawing = withdrawnBy(norm);
    this.isDoublable = (role & DOUBLABLE) !== 0;
    return false;
  }

  /** True when a token that is not a word (a number), read now, is in the window. */
  isInWindow(): boolean {
    return this.sinceCue < NEGATION_WINDOW;
  }

  /**
   * A quotation mark: a quoted phrase goes on the clause it is in ("not “illegal migrants”", "not
   * "illegal" migrants"), so it does not close the window, unless it closes a quotation of the cue
   * itself (saying “no” to poverty is about poverty).
   */
  quote(isOpening: boolean): void {
    if (!isOpening && this.sinceCue === 0) this.close();
  }

  /** A clause ends (punctuation other than a hyphen or a quotation mark): the window closes. */
  close(): void {
    this.sinceCue = Infinity;
    this.isAfterUndoer = false;
  }
}
