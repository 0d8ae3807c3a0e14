import { CLITICS, isHyphen, termWords } from '../normalise.js';
import type { LexiconEntry } from './schema.js';

/** Why a term (or an exclusion or proximity term) can never match, or matches only with some tokenisers. */
export interface TermProblem {
  /** `error`: no tokeniser yields a word token the word could match; `warning`: only the wink tokenisers do, or the word starts or ends in an apostrophe, which the tokenisers read as a quotation mark. */
  readonly severity: 'error' | 'warning';
  /** What was found and why it stops the match, to follow the term in a message. */
  readonly reason: string;
}

const LETTER = /\p{L}/u;
/** Characters of a word token besides hyphens (which join words) and a term's final `*`: letters, marks, digits, apostrophes and periods ("o'brien", "u.s."). */
const WORD_CHAR = /[\p{L}\p{M}\p{Nd}'.*]/u;
const NUMBER = /^[\p{Nd}.]*\p{Nd}[\p{Nd}.]*$/u;
/** Characters only the wink tokenisers keep inside a word token, with an example. */
const WINK_ONLY = new Map([
  ['&', 'at&t'],
  ['#', '#refugees'],
  [':', 'the emoticon :d'],
  [';', 'the emoticon ;p'],
]);

/** Checks of one written word (lower-cased), in order: the first that finds something is its problem. */
const WORD_CHECKS: readonly ((word: string) => TermProblem | undefined)[] = [
  (word) => {
    const char = [...word].find((c) => !WORD_CHAR.test(c) && !isHyphen(c) && !WINK_ONLY.has(c));
    return char === undefined ? undefined : error(`contains "${char}", which no word contains`);
  },
  (word) => {
    const bare = [...word].filter((c) => !isHyphen(c)).join('');
    // A stem of digits stands for words that go on with a letter ("19*": 19th, 1990s).
    if (word.endsWith('*') || LETTER.test(bare)) return undefined;
    return error(NUMBER.test(bare) ? `has "${word}", a number, which is never a word token` : `has "${word}", which has no letter (every word token has one)`);
  },
  (word) => (isHyphen(word[0]) || isHyphen(word.replace(/\*$/, '').slice(-1)) ? error(`has "${word}", which ${isHyphen(word[0]) ? 'starts' : 'ends'} with a hyphen: a hyphen is read between words, never at a word's edge`) : undefined),
  (word) => (word.endsWith('.') && !word.slice(0, -1).includes('.') ? error(`has "${word}", which ends in a period that no word token keeps (only a word with inner periods, such as "u.s.", keeps its final one)`) : undefined),
  (word) => {
    const char = [...word].find((c) => WINK_ONLY.has(c));
    return char === undefined ? undefined : warning(`contains "${char}", which only the wink tokenisers keep inside a word (${WINK_ONLY.get(char)}), so with scan.v1 it never matches`);
  },
  (word) => {
    // "refugee's*": the tokenisers split a clitic off its word ("refugee" + "'s"), so a wildcard after one has no word to match.
    const apostrophe = word.lastIndexOf("'");
    return word.endsWith('*') && apostrophe > 0 && CLITICS.has(word.slice(apostrophe, -1)) ? warning(`has "${word}", a wildcard after a clitic: the tokenisers split "${word.slice(apostrophe, -1)}" off its word, so it never matches (write "${word.slice(0, apostrophe)}" and, if needed, "${word.slice(0, apostrophe)}'s")`) : undefined;
  },
  (word) => (word.length > 1 && word.endsWith("'") ? warning(`has "${word}", which ends in an apostrophe: the tokenisers read that as a closing quotation mark, not as part of the word, so it never matches`) : undefined),
  (word) => (word.length > 1 && word.startsWith("'") && !CLITICS.has(word) ? warning(`has "${word}", which starts with an apostrophe: the tokenisers read that as an opening quotation mark, not as part of the word, so it never matches`) : undefined),
];

/** True for a written word whose `*` hsframe cannot match: one not at its end, or one after no letter or digit (`*`, `'*`, `.*`). */
export function isBadWildcard(word: string): boolean {
  return word.includes('*') && (!/^[^*]+\*$/.test(word) || !/[\p{L}\p{Nd}]/u.test(word.slice(0, -1)));
}

/** What may stop a term's words from ever being read as word tokens (see lexicons/README.md): at most one problem per word. */
export function termProblems(term: string): TermProblem[] {
  const problems: TermProblem[] = [];
  for (const word of termWords(term)) {
    for (const check of WORD_CHECKS) {
      const problem = check(word);
      if (problem) {
        problems.push(problem);
        break;
      }
    }
  }
  return problems;
}

/** A problem of one of an entry's texts: its message names the text, and `path` is the text's key path in the entry. */
export interface EntryProblem {
  readonly severity: TermProblem['severity'];
  readonly message: string;
  readonly path: readonly (string | number)[];
}

/** The problems (`termProblems`) of an entry's term, exclusions and proximity terms. */
export function entryProblems(entry: LexiconEntry): EntryProblem[] {
  const texts = [
    { what: 'term', text: entry.term, path: ['term'] },
    ...entry.exclude.map((text, k) => ({ what: 'exclusion', text, path: ['exclude', k] })),
    ...(['near', 'not_near'] as const).flatMap((key) => (entry[key]?.terms ?? []).map((text, k) => ({ what: `${key} term`, text, path: [key, 'terms', k] }))),
  ];
  return texts.flatMap(({ what, text, path }) => termProblems(text).map(({ severity, reason }) => ({ severity, message: `${what} "${text}" ${reason}`, path })));
}

function error(reason: string): TermProblem {
  return { severity: 'error', reason: `${reason}, so it can never match` };
}

function warning(reason: string): TermProblem {
  return { severity: 'warning', reason };
}
