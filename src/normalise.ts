/** Text normalisation shared by documents and lexicon terms, so both sides match alike (S8). */

const HYPHEN_CHARS = '-\u2010\u2011\u2012\u2013\u00ad';
/** Every hyphen character (a global pattern, for `replace`). */
export const HYPHENS = new RegExp(`[${HYPHEN_CHARS}]`, 'g');
/** The apostrophe's typographic forms, read as `'` wherever they are: right and left single quotation marks, the modifier letter apostrophe. */
const TYPOGRAPHIC_APOSTROPHE = /[\u2019\u2018\u02bc]/;
const EVERY_TYPOGRAPHIC_APOSTROPHE = new RegExp(TYPOGRAPHIC_APOSTROPHE.source, 'g');
/**
 * Characters typed for an apostrophe where a keyboard or a converter gives none, read as `'`
 * only between two letters ("don´t", "people′s", "Member State`s"): the grave accent (a
 * backtick), the acute accent and the prime. Elsewhere they are themselves: a backtick quote, 5′,
 * an accent standing alone.
 */
const APOSTROPHE_LOOK_ALIKE = /[`\u00b4\u2032]/;
const EVERY_APOSTROPHE_LOOK_ALIKE_BETWEEN_LETTERS = /(?<=[\p{L}\p{M}])[`\u00b4\u2032](?=[\p{L}\p{M}])/gu;
const HYPHEN = new RegExp(`[${HYPHEN_CHARS}]`);

/** `text` with typographic apostrophes made `'`, and their look-alikes between two letters (`APOSTROPHE_LOOK_ALIKE`); each is one char code, so offsets stay. */
export function withPlainApostrophes(text: string): string {
  const folded = TYPOGRAPHIC_APOSTROPHE.test(text) ? text.replace(EVERY_TYPOGRAPHIC_APOSTROPHE, "'") : text;
  return APOSTROPHE_LOOK_ALIKE.test(folded) ? folded.replace(EVERY_APOSTROPHE_LOOK_ALIKE_BETWEEN_LETTERS, "'") : folded;
}

/**
 * Clitics split off the end of a word as a word of their own, as wink-nlp splits them
 * ("state's" → state + 's, "we're" → we + 're); "n't" is split off with its n ("don't" → do + n't).
 */
export const CLITICS: ReadonlySet<string> = new Set(["'s", "'re", "'ve", "'ll", "'d", "'m"]);

/** Anything outside ASCII: only such a word can change when put in Unicode's compatibility composed form. */
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * A word in Unicode's compatibility composed form (NFKC), as the word forms a lexicon matches
 * are read: an accent typed, or read from a PDF, as a letter followed by a combining mark
 * (`n` + U+0303) becomes the one character (`ñ`) a lexicon term has, and full-width letters
 * (`ＦＲＯＮＴＥＸ`, from East Asian layouts) the ASCII ones, so both are read alike. Only
 * forms change; the text and its offsets stay as written.
 */
export function composed(value: string): string {
  return NON_ASCII.test(value) ? value.normalize('NFKC') : value;
}

/** Lower-case, fold typographic apostrophes to `'` (`withPlainApostrophes`), compose accents (`composed`), drop hyphens inside a word. */
export function normaliseWord(value: string): string {
  // Folded before composing: NFKC makes the acute accent a space and a combining accent.
  const lower = composed(withPlainApostrophes(value.toLowerCase()));
  return lower.length > 1 && HYPHEN.test(lower) ? lower.replace(HYPHENS, '') : lower;
}

/** Prefixes that stay joined to their word by a hyphen, as wink-nlp keeps them ("cross-border", "re-election", "post-traumatic"). */
export const HYPHEN_PREFIXES: ReadonlySet<string> = new Set('a anti co counter cross de e ex extra inter intra macro micro mid mini multi neo non over post pre pro pseudo re semi sub super trans ultra un under'.split(' '));

/** A word written with a prefix and a hyphen (`anti-terrorism`, `post‐war`), which the tokenisers read as one word. */
const PREFIXED_WORD = new RegExp(`(?<![\\p{L}\\p{N}'\u2019-])(?:${[...HYPHEN_PREFIXES].join('|')})[-\u2010\u2011](\\p{L}+)(?![\\p{L}\\p{N}-])`, 'giu');

/** The words of `text` written with a prefix and a hyphen (`PREFIXED_WORD`), lower-cased, the hyphen as `-`, in text order. */
export function prefixedWords(text: string): string[] {
  return [...text.matchAll(PREFIXED_WORD)].map(([word]) => word.toLowerCase().replace(/[\u2010\u2011]/, '-'));
}

/**
 * A hyphenated word, as written (`cross-border`, `well-being`, `covid-19`), as the words the
 * tokenisers read it as, joined by spaces: its hyphen kept in one word after a prefix
 * (`HYPHEN_PREFIXES`) or before the number that ends it, and dropped from the word's form
 * (`crossborder`, `covid19`); any other hyphen between two words (`well being`).
 */
export function hyphenatedAsRead(word: string): string {
  const parts = word.split('-');
  return parts
    .map((part, i) => (i === 0 ? part : (i === 1 && HYPHEN_PREFIXES.has(parts[0])) || (i === parts.length - 1 && /^\d+$/.test(part) && /\p{L}$/u.test(parts[i - 1])) ? part : ` ${part}`))
    .join('');
}

/** True for a token that only joins two words: a hyphen or dash. */
export function isHyphen(value: string): boolean {
  return value.length === 1 && HYPHEN_CHARS.includes(value);
}

/** The words of a lexicon term as written: split at white space, lower-cased, typographic apostrophes folded to `'` (`withPlainApostrophes`), accents composed (`composed`). */
export function termWords(term: string): string[] {
  return composed(withPlainApostrophes(term.trim().toLowerCase())).split(/\s+/);
}

/**
 * Every sequence of words the tokenisers can read a lexicon term as: hyphen/space variants
 * (`well-being` → `[[well, being], [wellbeing]]`) and contractions split or whole (`cannot` →
 * `[[can, not], [cannot]]`). The first variant splits every contraction and every hyphenated word.
 */
export function termVariants(term: string): string[][] {
  return termVariantParts(term).map((variant) => variant.map((part) => part.word));
}

/** A word of a term's variant (`termVariants`), and whether it ends a word as written: a hyphenated word (`cross-border`) takes inflections on its last part alone (`cross-borders`, not `crossing borders`). */
export interface TermPart {
  readonly word: string;
  readonly isLast: boolean;
  /** For a hyphenated word read as one (`crossborder`): its parts before the last (`cross`), which its inflections keep (`crossborders`). */
  readonly head?: string;
}

/** `termVariants` with each word's place in the word as written. */
export function termVariantParts(term: string): TermPart[][] {
  return combine(termWords(term).map((word) => contractionVariants(word).flatMap((parts) => combine(parts.map(hyphenVariants)))));
}

/** Every way of reading words one after another, each as one of its options (an option is a list of words). */
function combine<T>(options: readonly (readonly T[][])[]): T[][] {
  let variants: T[][] = [[]];
  for (const choices of options) variants = variants.flatMap((prefix) => choices.map((choice) => [...prefix, ...choice]));
  return variants;
}

/**
 * A hyphenated word split at its hyphens and joined (`well-being` → `[[well, being], [wellbeing]]`,
 * `well-be*` → `[[well, be*], [wellbe*]]`); any other word as it is, and so is one whose
 * wildcard stands alone after its hyphen (`anti-*`).
 */
function hyphenVariants(word: string): TermPart[][] {
  const parts = word.split(HYPHENS).filter(Boolean);
  if (parts.length > 1 && parts[parts.length - 1] !== '*') return [parts.map((part, i) => ({ word: part, isLast: i === parts.length - 1 })), [{ word: parts.join(''), isLast: true, head: parts.slice(0, -1).join('') }]];
  return [[{ word, isLast: true }]];
}

/**
 * A word as the tokenisers can read it. `scan.v1` splits "cannot" into can + not and a clitic
 * off its word ("don't" → do + n't, "we're" → we + 're); wink-nlp splits them too, but keeps
 * "cannot" whole before punctuation and contractions it does not know whole ("i'm"), so these
 * are also read whole. A possessive 's is split by every tokeniser (see `tokenise-paragraph.ts`).
 */
function contractionVariants(word: string): string[][] {
  if (word === 'cannot') return [['can', 'not'], [word]];
  const apostrophe = word.lastIndexOf("'");
  const clitic = apostrophe > 0 ? word.slice(apostrophe) : '';
  if (clitic === "'t" && word[apostrophe - 1] === 'n' && apostrophe > 1) return [[word.slice(0, apostrophe - 1), "n't"], [word]];
  if (clitic === "'s") return [[word.slice(0, apostrophe), clitic]];
  if (CLITICS.has(clitic)) return [[word.slice(0, apostrophe), clitic], [word]];
  return [[word]];
}
