/** Shared data types: one document passes through the stages as read-only layers (S4). */

import type { LexiconSpec } from './lexicon/schema.js';
import type { TokenList } from './token-list.js';

/** Token indexes `[first, end)`, end exclusive. */
export type TokenRange = readonly [first: number, end: number];

/** How bad an input problem is; only `error` makes a run exit with code 1. */
export type Severity = 'error' | 'warning' | 'info';

/** An input problem, reported as a value, never thrown (S11, S12). */
export interface Issue {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** File the problem is in: a document, pipeline or lexicon path. */
  readonly file: string;
  /** Stage that found it: `config`, `lexicon`, `ingest`, `tokenise`, `classify`, `output`. */
  readonly stage?: string;
  /** 1-based line and column, where the problem has a position. */
  readonly line?: number;
  readonly column?: number;
  /** Key path inside a YAML or JSON file, e.g. `categories.food.entries.3.weight`. */
  readonly path?: string;
}

/** A document read from disk (or given as text), before tokenising. */
export interface SourceDoc {
  /** Stable id: path relative to the corpus root, `/`-separated. */
  readonly id: string;
  /** Absolute path, or `<text>` for text given through the API. */
  readonly path: string;
  /** Plain text; paragraphs are separated by a blank line. */
  readonly text: string;
  /** First heading, or the file name. */
  readonly title: string;
  /** sha256 (hex) of the file's bytes, or of the UTF-8 text for API input. */
  readonly contentSha256: string;
  /** Size of the source in bytes. */
  readonly bytes: number;
  /** Encoding the bytes were decoded from, e.g. `utf-8`. */
  readonly encoding: string;
  readonly issues: readonly Issue[];
}

/** One token: offsets into `text`, its normal form, lemma and negation flag. */
export interface Token {
  readonly start: number;
  readonly end: number;
  /** Lower-cased form with typographic apostrophes folded to `'`. */
  readonly norm: string;
  /** Lemma from the tokeniser (falls back to `norm`). */
  readonly lemma: string;
  /** True for word tokens: not punctuation, numbers, symbols or whitespace. */
  readonly isWord: boolean;
  /** Inside the scope of a negation ("not", "never", "no", "n't"...). */
  readonly isNegated: boolean;
  /**
   * The tokeniser's number for this word form (`scan.v1`; 0 or absent: none). Only a hint for
   * caches keyed by form: a cache must still check the form itself.
   */
  readonly formId?: number;
}

/** A stretch of text: character offsets (end exclusive) and the word tokens counted in it. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
  readonly words: number;
}

/** A document after tokenising. */
export interface TokenisedDoc extends SourceDoc {
  /** Tokens of the text a lexicon can match in (all scored text, or only candidate sentences for a tiered tokeniser), as columns (`TokenList`). */
  readonly tokens: TokenList;
  /** Sentences as token ranges (empty for a sentence a tiered tokeniser skipped). */
  readonly sentences: readonly TokenRange[];
  /** Each sentence's characters and word count, parallel to `sentences`. */
  readonly sentenceSpans: readonly TextSpan[];
  /** Paragraphs (blank-line separated blocks, long ones cut at line breaks) as token ranges. */
  readonly paragraphs: readonly TokenRange[];
  /** Each paragraph's characters and word count, parallel to `paragraphs`. */
  readonly paragraphSpans: readonly TextSpan[];
  /** Language detected for the document (ISO 639-1, or `und`). */
  readonly language: string;
  /** Number of word tokens (`isWord`) in scored text. */
  readonly wordCount: number;
  /** Word tokens left out because their paragraph (or the document) is in another language. */
  readonly excludedWords: number;
  /**
   * The word tokens as matchers read them, when the tokeniser built them while it read the
   * text (`scan.v1`); must equal what `buildWordStream` makes of `tokens` and `sentences`.
   */
  readonly words?: WordStream;
}

/** A lexicon match. `range` indexes `tokens`; `sentence` indexes `sentences`. */
export interface Hit {
  readonly lexiconId: string;
  readonly entryId: string;
  readonly category: string;
  readonly range: TokenRange;
  readonly sentence: number;
  readonly weight: number;
  readonly isNegated: boolean;
}

/** A document after classifying with one or more matchers. */
export interface ClassifiedDoc extends TokenisedDoc {
  readonly hits: readonly Hit[];
}

/** One category declared by a lexicon. */
export interface CategoryInfo {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly lexiconId: string;
}

/** Scores for one document, before formatting. Numbers are unrounded; `null` is an empty cell. */
export interface ScoreRow {
  readonly docId: string;
  readonly title: string;
  readonly language: string;
  readonly encoding: string;
  readonly tokens: number;
  readonly excludedTokens: number;
  readonly sentences: number;
  /** Per category id: weighted non-negated hits. */
  readonly hits: Readonly<Record<string, number>>;
  /** Per category id: hits per 1,000 word tokens (null when the document has no tokens). */
  readonly per1k: Readonly<Record<string, number | null>>;
  readonly framingIndex: number | null;
  readonly framingCiLow: number | null;
  readonly framingCiHigh: number | null;
  readonly nexusShare: number | null;
  readonly undpDominant: string;
  readonly undpBreadth: number | null;
  readonly negatedHits: number;
  /** Per category id: negated matches (not counted in `hits`). */
  readonly negated: Readonly<Record<string, number>>;
  readonly lexiconVersion: string;
  readonly contentSha256: string;
}

/** The word tokens of a document as a matcher reads them (built once per document by classify). */
export interface WordStream {
  /** Index into `tokens` of each word token. */
  readonly tokenIndex: ArrayLike<number>;
  /** Match key of each word: its normal form without hyphens. */
  readonly keys: readonly string[];
  readonly lemmas: readonly string[];
  /** Sentence index of each word. */
  readonly sentence: ArrayLike<number>;
  /** 1 when punctuation (other than a hyphen) or a sentence end stands before this word. */
  readonly breakBefore: ArrayLike<number>;
  /** 1 when the word is in a negation's scope (`Token.isNegated`). */
  readonly negated: ArrayLike<number>;
  /** Each word's `Token.formId` (0: none). */
  readonly formIds: ArrayLike<number>;
  /**
   * The numbering `formIds` come from, when one tokeniser numbered every word: within one space
   * an id names one form (a cache by id need not check the form). Absent: ids are only hints.
   */
  readonly formSpace?: number;
  /**
   * Optional pre-filter: the words where an entry of some lexicon can match, ascending
   * (`positions[0, count)`), each with a mask whose bit `b` is 0 when no entry of the lexicon
   * with bit `b` can match from there. A matcher given its bit tries only the words with it
   * set. Absent: every word is tried.
   */
  readonly candidates?: { readonly positions: ArrayLike<number>; readonly masks: ArrayLike<number>; readonly count: number };
}

/** A lexicon match in word-stream positions `[start, end)`, before it becomes a `Hit`. */
export interface WordMatch {
  readonly start: number;
  readonly end: number;
  readonly entryId: string;
  readonly category: string;
  readonly weight: number;
}

/** Bits of `CompiledLexicon.roleOf`: a term can be the word alone; start at it and go on; have it after its first word. */
export const [ROLE_ALONE, ROLE_FIRST, ROLE_LATER] = [1, 2, 4];

/**
 * The keys that give a word a role (`CompiledLexicon.roleOf`): a word's role is the roles of its form in
 * `forms`, its lemma in `lemmas`, its lemma in `otherLemmas` when the lemma is not the form, and
 * every prefix of `prefixes` it starts with.
 */
export interface RoleKeys {
  /** Word forms: the roles of the first words of terms (`ROLE_ALONE`, `ROLE_FIRST`), and `ROLE_LATER` for forms of words after a term's first. */
  readonly forms: ReadonlyMap<string, number>;
  /** Lemmas that give their role to any form: `ROLE_LATER`, for the lemmas of words after a term's first. */
  readonly lemmas: ReadonlyMap<string, number>;
  /** Lemmas that give their role only to a form other than the lemma (a form equal to its lemma is found among `forms`): those of the first words of terms. */
  readonly otherLemmas: ReadonlyMap<string, number>;
  /** Prefixes, none empty, and their roles: those of the first words of terms, and `ROLE_LATER` for words after a term's first. */
  readonly prefixes: readonly (readonly [prefix: string, role: number])[];
}

/** A lexicon compiled into a frozen matcher (S7). */
export interface CompiledLexicon {
  readonly id: string;
  readonly version: string;
  readonly language: string;
  readonly description: string;
  /** sha256 (hex) of the lexicon file's bytes. */
  readonly sha256: string;
  readonly file: string;
  /** The checked lexicon it was compiled from (a worker thread compiles its own matcher from it). */
  readonly spec: LexiconSpec;
  readonly categories: readonly CategoryInfo[];
  readonly entryCount: number;
  /** True when every weight is a whole number, so hits print as integers. */
  readonly hasWholeWeights: boolean;
  /** All matches in a word stream: longest first, no word counted twice. `startBit` selects this lexicon's bit of `words.candidates`. */
  match(words: WordStream, startBit?: number): WordMatch[];
  /** The same matches as `match`, as hits: their token ranges, sentences and negation read from `words`. */
  hits(words: WordStream, startBit?: number): Hit[];
  /** What a word with this form and lemma can be to an entry (for `WordStream.candidates`): `ROLE_ALONE` the whole term, `ROLE_FIRST` its first word with more to come, `ROLE_LATER` a word after its first. */
  roleOf(key: string, lemma: string): number;
  /** The keys that give a word its role (`roleOf`) as lists, for a classifier that answers for several lexicons at once. */
  roleKeys(): RoleKeys;
  /** Work out now the word steps of its terms and rules, with their inflections (before a thread hands its inflections to worker threads). */
  prepare(): void;
}
