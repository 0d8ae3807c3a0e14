import type { SourceDoc, Token, TokenisedDoc, TokenRange } from '../document.js';
import { normaliseWord } from '../normalise.js';
import { countWord, languageOf, newLanguageCounts, type LanguageCounts } from './detect-language.js';
import { winkTokenise, type WinkPipeName } from './wink.js';

/** Settings of the tokenise stage. */
export interface TokeniseSettings {
  /** Tokeniser and its version; output may change only with this name (S16). */
  readonly tokeniser: WinkPipeName;
  /** Language the lexicons are written in; paragraphs in another language are left out. */
  readonly language: string;
}

/** Default tokenise settings. */
export const DEFAULT_TOKENISE_SETTINGS: TokeniseSettings = Object.freeze({ tokeniser: 'wink.v1', language: 'en' });

/** Paragraphs are read one by one (bounded memory); a paragraph longer than this is cut at a line break. */
const MAX_CHUNK_CHARS = 100_000;
/** A paragraph needs this many words before its own language can leave it out. */
const MIN_WORDS_FOR_LANGUAGE = 12;

/**
 * Tokenise a document with wink-nlp, one paragraph at a time: tokens with offsets, lemmas,
 * negation flags and sentences. Paragraphs in a language other than `settings.language` are
 * left out (their words are counted in `excludedWords`); so is a whole document in another language.
 */
export function tokenise(source: SourceDoc, settings: TokeniseSettings = DEFAULT_TOKENISE_SETTINGS): TokenisedDoc {
  const paragraphs = splitParagraphs(source.text).map((range) => tokeniseParagraph(source.text, range, settings.tokeniser));
  const total = newLanguageCounts();
  for (const paragraph of paragraphs) for (let index = 0; index < total.length; index++) total[index] += paragraph.counts[index];
  const language = languageOf(total);
  // Too little evidence (`und`, e.g. one short sentence) is scored; a different language is not.
  const isScoredLanguage = language === settings.language || language === 'und';
  const tokens: Token[] = [];
  const sentences: TokenRange[] = [];
  const paragraphRanges: TokenRange[] = [];
  let excludedWords = 0;
  for (const paragraph of paragraphs) {
    const isForeign = paragraph.language !== 'und' && paragraph.language !== settings.language && paragraph.wordCount >= MIN_WORDS_FOR_LANGUAGE;
    if (isForeign || !isScoredLanguage) {
      excludedWords += paragraph.wordCount;
      continue;
    }
    const offset = tokens.length;
    for (const token of paragraph.tokens) tokens.push(token);
    for (const [first, end] of paragraph.sentences) sentences.push([first + offset, end + offset]);
    if (paragraph.tokens.length > 0) paragraphRanges.push([offset, tokens.length]);
  }
  const wordCount = paragraphs.reduce((sum, paragraph) => sum + paragraph.wordCount, 0) - excludedWords;
  return { ...source, tokens, sentences, paragraphs: paragraphRanges, language, wordCount, excludedWords };
}

interface Paragraph {
  readonly tokens: Token[];
  readonly sentences: TokenRange[];
  readonly wordCount: number;
  readonly counts: LanguageCounts;
  readonly language: string;
}

/** Character ranges of paragraphs: split at blank lines, long ones again at line breaks. */
function splitParagraphs(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const blank = /\n[ \t\r]*\n/g;
  let start = 0;
  for (let match = blank.exec(text); ; match = blank.exec(text)) {
    const end = match ? match.index : text.length;
    for (let from = start; from < end; ) {
      let to = Math.min(end, from + MAX_CHUNK_CHARS);
      if (to < end) to = Math.max(text.lastIndexOf('\n', to), text.lastIndexOf(' ', to)) > from ? Math.max(text.lastIndexOf('\n', to), text.lastIndexOf(' ', to)) : to;
      if (text.slice(from, to).trim()) ranges.push([from, to]);
      from = to;
    }
    if (!match) break;
    start = match.index + match[0].length;
  }
  return ranges;
}

const WORD_TYPES = new Set(['word', 'emoticon', 'hashtag']);

/**
 * A match is negated only within this many words after a negation cue ("not a security
 * threat": 2), not across a whole clause ("without prejudice to … internal security",
 * "spared no effort in addressing terrorism"), as codebook §1 "Negation and distance" asks.
 */
const NEGATION_WINDOW = 3;
const NEGATION_CUES = new Set(['not', "n't", 'no', 'never', 'without', 'nor', 'neither', 'cannot', 'none']);
/** "not only X but also Y" asserts X. */
const NOT_A_CUE_AFTER_NOT = new Set(['only', 'just', 'merely', 'least']);

function isNegationCue(norm: string, next: string | undefined): boolean {
  if (!NEGATION_CUES.has(norm)) return false;
  return !(norm === 'not' && next !== undefined && NOT_A_CUE_AFTER_NOT.has(next.toLowerCase()));
}
const LETTER = /\p{L}/u;

function tokeniseParagraph(text: string, [from, to]: [number, number], tokeniser: WinkPipeName): Paragraph {
  const raw = winkTokenise(text.slice(from, to), tokeniser);
  const tokens: Token[] = [];
  const counts = newLanguageCounts();
  let wordCount = 0;
  let at = from;
  let sinceCue = Infinity;
  for (let i = 0; i < raw.values.length; i++) {
    const value = raw.values[i];
    let start = at + raw.precedingSpaces[i].length;
    if (!text.startsWith(value, start)) start = text.indexOf(value, at);
    // S13: a token outside its paragraph is a bug in the offsets, not bad input.
    if (start < at || start + value.length > to) throw new Error(`tokenise: token "${value}" not found in the text after offset ${at}`);
    const end = start + value.length;
    at = end;
    const type = raw.types[i];
    if (type === 'tabCRLF') continue;
    const isWord = WORD_TYPES.has(type) && LETTER.test(value);
    const norm = normaliseWord(value);
    const lemma = raw.lemmas[i] === value ? norm : normaliseWord(raw.lemmas[i]);
    // wink-nlp's scope runs to the end of the clause; only words close to the cue are negated.
    const isNegated = raw.negations[i] === true && sinceCue <= NEGATION_WINDOW;
    tokens.push({ start, end, norm, lemma, isWord, isNegated });
    if (isWord) {
      wordCount += 1;
      countWord(counts, norm);
      sinceCue = isNegationCue(norm, raw.values[i + 1]) ? 0 : sinceCue + 1;
    } else if (type === 'punctuation') {
      sinceCue = Infinity;
    }
  }
  const sentences = sentenceRanges(raw.types, raw.sentences);
  return { tokens, sentences, wordCount, counts, language: languageOf(counts) };
}

/** Map wink's inclusive sentence spans over all tokens to ranges over the kept tokens (tabCRLF dropped). */
function sentenceRanges(types: readonly string[], spans: readonly [number, number][]): TokenRange[] {
  const keptBefore: number[] = [];
  let kept = 0;
  for (const type of types) {
    keptBefore.push(kept);
    if (type !== 'tabCRLF') kept += 1;
  }
  keptBefore.push(kept);
  return spans.map(([first, last]) => [keptBefore[first], keptBefore[last + 1]] as const).filter(([first, end]) => end > first);
}
