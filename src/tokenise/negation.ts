/**
 * A match is negated only within this many words after a negation cue ("not a security
 * threat": 2), not across a whole clause ("without prejudice to … internal security",
 * "spared no effort in addressing terrorism"), as codebook §1 "Negation and distance" asks.
 */
export const NEGATION_WINDOW = 3;

/** True when a word read after `wordsBetween` words since the last cue (0: right after it) is in the window: one of the `NEGATION_WINDOW` words after the cue. */
export function isInNegationWindow(wordsBetween: number): boolean {
  return wordsBetween < NEGATION_WINDOW;
}

const NEGATION_CUES = new Set(['not', "n't", 'no', 'never', 'without', 'nor', 'neither', 'cannot', 'none']);
/** "not only X but also Y" asserts X. */
const NOT_A_CUE_AFTER_NOT = new Set(['only', 'just', 'merely', 'least']);

/** True for "not" and "n't", after which some words withdraw the cue (`cancelsNot`). */
export function isNot(norm: string): boolean {
  return norm === 'not' || norm === "n't";
}

/** True when `next`, read after "not" or "n't", withdraws it as a cue ("not only", "isn't just"). */
export function cancelsNot(next: string): boolean {
  return NOT_A_CUE_AFTER_NOT.has(next.toLowerCase());
}

/** True when the lower-cased word `norm`, followed by `next`, opens a negation window. */
export function isNegationCue(norm: string, next: string | undefined): boolean {
  if (!NEGATION_CUES.has(norm)) return false;
  return !(isNot(norm) && next !== undefined && cancelsNot(next));
}
