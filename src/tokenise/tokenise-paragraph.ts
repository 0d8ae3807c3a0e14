import type { TextSpan, Token, TokenRange } from '../document.js';
import { normaliseWord } from '../normalise.js';
import { countWord, newLanguageCounts } from './detect-language.js';
import { isNegationCue, NEGATION_WINDOW } from './negation.js';
import type { TokenisedParagraph } from './paragraph.js';
import { winkTokenise, type WinkPipeName } from './wink.js';

const WORD_TYPES = new Set(['word', 'emoticon', 'hashtag']);
const LETTER = /\p{L}/u;
/** A word with a possessive clitic attached: a letter, then 's (apostrophes are ASCII by now). */
const POSSESSIVE = /\p{L}.*'s$/iu;
const POSSESSIVE_CLITIC = /^'s$/i;

/** Tokenise `text[from, to)` with wink-nlp; offsets are into `text`. */
export function tokeniseParagraph(text: string, [from, to]: [number, number], tokeniser: WinkPipeName): TokenisedParagraph {
  const raw = winkTokenise(text.slice(from, to), tokeniser);
  const tokens: Token[] = [];
  const counts = newLanguageCounts();
  // Index into `tokens` of each raw token, to map wink's sentence spans (raw tokens may be dropped or split).
  const keptBefore = new Int32Array(raw.values.length + 1);
  let wordCount = 0;
  let at = from;
  let sinceCue = Infinity;
  const pushWord = (token: Token, next: string | undefined) => {
    tokens.push(token);
    wordCount += 1;
    countWord(counts, token.norm);
    sinceCue = isNegationCue(token.norm, next) ? 0 : sinceCue + 1;
  };
  for (let i = 0; i < raw.values.length; i++) {
    keptBefore[i] = tokens.length;
    const value = raw.values[i];
    let start = at + raw.precedingSpaces[i].length;
    if (!text.startsWith(value, start)) start = text.indexOf(value, at);
    // S13: a token outside its paragraph is a bug in the offsets, not bad input.
    if (start < at || start + value.length > to) throw new Error(`tokenise: token "${value}" not found in the text after offset ${at}`);
    const end = start + value.length;
    at = end;
    const type = raw.types[i];
    if (type === 'tabCRLF') continue;
    const norm = normaliseWord(value);
    // wink-nlp's scope runs to the end of the clause; only words close to the cue are negated.
    const isNegated = raw.negations[i] === true && sinceCue <= NEGATION_WINDOW;
    if (!WORD_TYPES.has(type) || !LETTER.test(value)) {
      tokens.push({ start, end, norm, lemma: norm, isWord: false, isNegated });
      if (type === 'punctuation') sinceCue = Infinity;
    } else if (POSSESSIVE.test(value)) {
      // wink-nlp splits "Hitler's" the first time it meets it and keeps it whole once the word
      // is in its cache, so output would depend on what it read before: split it here always.
      const base = normaliseWord(value.slice(0, -2));
      pushWord({ start, end: end - 2, norm: base, lemma: base, isWord: true, isNegated }, "'s");
      pushWord({ start: end - 2, end, norm: "'s", lemma: "'s", isWord: true, isNegated }, raw.values[i + 1]);
    } else if (POSSESSIVE_CLITIC.test(value) && raw.precedingSpaces[i] === '' && tokens.length > 0 && tokens[tokens.length - 1].isWord) {
      // A clitic that wink-nlp split off shares its word's negation, as when split here.
      pushWord({ start, end, norm: "'s", lemma: "'s", isWord: true, isNegated: tokens[tokens.length - 1].isNegated }, raw.values[i + 1]);
    } else {
      const next = raw.values[i + 1];
      // Before a clitic that wink-nlp split off, the lemma is the word itself, as when split here.
      const isBeforeClitic = next !== undefined && raw.precedingSpaces[i + 1] === '' && POSSESSIVE_CLITIC.test(next);
      const lemma = isBeforeClitic || raw.lemmas[i] === value ? norm : normaliseWord(raw.lemmas[i]);
      pushWord({ start, end, norm, lemma, isWord: true, isNegated }, next);
    }
  }
  keptBefore[raw.values.length] = tokens.length;
  const sentences: TokenRange[] = raw.sentences.map(([first, last]) => [keptBefore[first], keptBefore[last + 1]] as const).filter(([first, end]) => end > first);
  const sentenceSpans = sentences.map(([first, end]): TextSpan => {
    let words = 0;
    for (let i = first; i < end; i++) if (tokens[i].isWord) words += 1;
    return { start: tokens[first].start, end: tokens[end - 1].end, words };
  });
  return { tokens, sentences, sentenceSpans, wordCount, counts };
}
