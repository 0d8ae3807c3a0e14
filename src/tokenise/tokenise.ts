import type { SourceDoc, Token, TokenisedDoc, TokenRange } from '../document.js';
import { languageOf, newLanguageCounts } from './detect-language.js';
import { tokeniseParagraph } from './tokenise-paragraph.js';
import { startDocument, type WinkPipeName } from './wink.js';

/** Settings of the tokenise stage. */
export interface TokeniseSettings {
  /** Tokeniser and its version; output may change only with this name (S16). */
  readonly tokeniser: WinkPipeName;
  /** Language the lexicons are written in; paragraphs in another language are left out. */
  readonly language: string;
}

/** Default tokenise settings. */
export const DEFAULT_TOKENISE_SETTINGS: TokeniseSettings = Object.freeze({ tokeniser: 'wink-fast.v1', language: 'en' });

/** Paragraphs are read one by one (bounded memory); a paragraph longer than this is cut at a line break. */
const MAX_CHUNK_CHARS = 100_000;
/** A paragraph needs this many words before its own language can leave it out. */
const MIN_WORDS_FOR_LANGUAGE = 12;
const TYPOGRAPHIC_APOSTROPHES = /[\u2018\u2019\u02bc]/g;

/**
 * Tokenise a document with wink-nlp, one paragraph at a time: tokens with offsets, lemmas,
 * negation flags and sentences. Paragraphs in a language other than `settings.language` are
 * left out (their words are counted in `excludedWords`); so is a whole document in another language.
 */
export function tokenise(source: SourceDoc, settings: TokeniseSettings = DEFAULT_TOKENISE_SETTINGS): TokenisedDoc {
  // Typographic apostrophes are folded to ASCII for wink-nlp (same length: offsets are kept),
  // so possessives and contractions are recognised alike whichever apostrophe a text uses.
  const text = source.text.replace(TYPOGRAPHIC_APOSTROPHES, "'");
  startDocument();
  const paragraphs = splitParagraphs(text).map((range) => tokeniseParagraph(text, range, settings.tokeniser));
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
