/** Text normalisation shared by documents and lexicon terms, so both sides match alike (S8). */

const HYPHEN_CHARS = '-\u2010\u2011\u2012\u2013\u00ad';
const HYPHENS = new RegExp(`[${HYPHEN_CHARS}]`, 'g');
const APOSTROPHES = /[\u2019\u2018\u02bc`]/g;

const NEEDS_FOLDING = new RegExp(`[${HYPHEN_CHARS}\u2019\u2018\u02bc\`]`);

/** Lower-case, fold typographic apostrophes to `'`, drop hyphens inside a word. */
export function normaliseWord(value: string): string {
  const lower = value.toLowerCase();
  if (!NEEDS_FOLDING.test(lower)) return lower;
  const folded = lower.replace(APOSTROPHES, "'");
  return folded.length > 1 ? folded.replace(HYPHENS, '') : folded;
}

/** True for a token that only joins two words: a hyphen or dash. */
export function isHyphen(value: string): boolean {
  return value.length === 1 && HYPHEN_CHARS.includes(value);
}

/** Split a lexicon term into its hyphen/space variants: `well-being` → `[[well, being], [wellbeing]]`. */
export function termVariants(term: string): string[][] {
  let variants: string[][] = [[]];
  for (const raw of term.trim().toLowerCase().replace(APOSTROPHES, "'").split(/\s+/)) {
    const words = splitClitic(raw);
    const parts = words.length === 1 ? raw.split(HYPHENS).filter(Boolean) : [];
    const options = parts.length > 1 && !raw.endsWith('*') ? [parts, [parts.join('')]] : [words];
    variants = variants.flatMap((prefix) => options.map((option) => [...prefix, ...option]));
  }
  return variants;
}

// The tokeniser splits "state's" into "state" + "'s"; terms are split the same way.
function splitClitic(word: string): string[] {
  const match = /^(.+?)('s|n't)$/.exec(word);
  return match ? [match[1], match[2]] : [word];
}
