import { isHyphen, normaliseWord } from '../normalise.js';
import type { TokenColumns } from '../token-list.js';
import { countWord } from './detect-language.js';
import { isOpeningQuote, isQuoteMark, NegationReader, negationRole } from './negation.js';
import type { ParagraphColumns } from './paragraph.js';
import { isAbbreviation } from './scan.js';
import { winkTokenise, type WinkPipeName, type WinkResult } from './wink.js';

const WORD_TYPES = new Set(['word', 'emoticon', 'hashtag']);
const LETTER = /\p{L}/u;
/** A word with a possessive clitic attached: a letter, then 's (apostrophes are ASCII by now). */
const POSSESSIVE = /\p{L}.*'s$/iu;
const POSSESSIVE_CLITIC = /^'s$/i;

/** Tokenise `text[from, to)` with wink-nlp into `tokens`, and the paragraph into `paragraphs`; offsets are into `text`. */
export function tokeniseParagraph(text: string, from: number, to: number, tokeniser: WinkPipeName, tokens: TokenColumns, paragraphs: ParagraphColumns): void {
  const raw = winkTokenise(text.slice(from, to), tokeniser);
  const first = tokens.length;
  const { counts } = paragraphs;
  // wink-nlp fills no word columns (`buildWordStream` makes the words).
  paragraphs.open(first, 0);
  // Index among this paragraph's tokens of each raw token, to map wink's sentence spans (raw tokens may be dropped or split).
  const keptBefore = new Int32Array(raw.values.length + 1);
  let wordCount = 0;
  let at = from;
  const negation = new NegationReader();
  // The token of the cue that opened the negation window.
  let cueToken = 0;
  // wink-nlp marks what its own scope negates; of that, only what the window negates is negated.
  const pushWord = (start: number, end: number, norm: string, lemma: string, isWinkNegated: boolean) => {
    const isNegated = negation.read(negationRole(norm), norm) && isWinkNegated;
    if (negation.isWindowWithdrawn) tokens.clearNegated(cueToken + 1);
    else if (negation.sinceCue === 0) cueToken = tokens.length;
    tokens.add(start, end, norm, lemma, true, isNegated, 0);
    wordCount += 1;
    countWord(counts, norm);
  };
  for (let i = 0; i < raw.values.length; i++) {
    keptBefore[i] = tokens.length - first;
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
    // "No" before a number cites one ("Regulation (EU) No 2016/399 on border control"): no cue.
    if (negation.sinceCue === 0 && /^\d/.test(value) && tokens.length > first && tokens.norm(tokens.length - 1) === 'no') negation.close();
    // wink-nlp's scope runs to the end of the clause; only words close to the cue are negated.
    const isWinkNegated = raw.negations[i] === true;
    if (!WORD_TYPES.has(type) || !LETTER.test(value)) {
      tokens.add(start, end, norm, norm, false, isWinkNegated && negation.isInWindow(), 0);
      if (isQuoteMark(value)) negation.quote(isOpeningQuote(value, raw.precedingSpaces[i] === '' ? (raw.values[i - 1]?.at(-1) ?? '') : ' ', raw.precedingSpaces[i + 1] === '' ? (raw.values[i + 1]?.[0] ?? '') : ' '));
      else if (type === 'punctuation' && !isHyphen(value)) negation.close();
    } else if (POSSESSIVE.test(value)) {
      // wink-nlp splits "Hitler's" the first time it meets it and keeps it whole once the word
      // is in its cache, so output would depend on what it read before: split it here always.
      const base = normaliseWord(value.slice(0, -2));
      pushWord(start, end - 2, base, base, isWinkNegated);
      pushWord(end - 2, end, "'s", "'s", isWinkNegated);
    } else if (POSSESSIVE_CLITIC.test(value) && raw.precedingSpaces[i] === '' && tokens.length > first && tokens.isWord(tokens.length - 1)) {
      // A clitic that wink-nlp split off shares its word's negation, as when split here.
      pushWord(start, end, "'s", "'s", tokens.isNegated(tokens.length - 1));
    } else {
      const next = raw.values[i + 1];
      // Before a clitic that wink-nlp split off, the lemma is the word itself, as when split here.
      const isBeforeClitic = next !== undefined && raw.precedingSpaces[i + 1] === '' && POSSESSIVE_CLITIC.test(next);
      const lemma = isBeforeClitic || raw.lemmas[i] === value ? norm : normaliseWord(raw.lemmas[i]);
      pushWord(start, end, norm, lemma, isWinkNegated);
    }
  }
  keptBefore[raw.values.length] = tokens.length - first;
  for (const [firstRaw, lastRaw] of joinedAfterAbbreviations(raw)) {
    const [head, end] = [keptBefore[firstRaw], keptBefore[lastRaw + 1]];
    if (end <= head) continue;
    let words = 0;
    for (let i = first + head; i < first + end; i++) if (tokens.isWord(i)) words += 1;
    paragraphs.addSentence(head, end, tokens.start(first + head), tokens.end(first + end - 1), words);
  }
  paragraphs.close(tokens.length, 0, wordCount);
}

/**
 * wink-nlp's sentences of a paragraph, each that ends at a period after an abbreviation
 * ("See Art. 5", "approved in Jan. 2016") joined to the next, as `scan.v1` reads them: a phrase
 * or a negation's window then goes on across that period, as within any sentence.
 */
function joinedAfterAbbreviations(raw: WinkResult): [first: number, last: number][] {
  const joined: [number, number][] = [];
  let isOpen = false;
  for (const [first, last] of raw.sentences) {
    if (isOpen) joined[joined.length - 1][1] = last;
    else joined.push([first, last]);
    isOpen = endsAfterAbbreviation(raw, last, raw.values[last + 1]?.[0] ?? '');
  }
  return joined;
}

/** True when raw token `last` is a period right after an abbreviation, or an abbreviation with its period, before the character `next` (`isAbbreviation`). */
function endsAfterAbbreviation(raw: WinkResult, last: number, next: string): boolean {
  const value = raw.values[last];
  if (value === '.') return last > 0 && raw.precedingSpaces[last] === '' && isAbbreviation(normaliseWord(raw.values[last - 1]), next);
  return value.length > 1 && value.endsWith('.') && isAbbreviation(normaliseWord(value.slice(0, -1)), next);
}
