import type { CategoryInfo, ClassifiedDoc, ScoreRow } from '../document.js';
import { addWeight, thousandths } from '../weight-sums.js';
import { wilsonInterval } from './wilson.js';

/** The two security frames (codebook §1). */
export const FRAME_CATEGORIES = ['state_centric', 'people_centric'] as const;
/** The seven UNDP human-security categories, in the codebook's order (codebook §2). */
export const UNDP_CATEGORIES = ['economic', 'food', 'health', 'environmental', 'personal', 'community', 'political'] as const;

/** What aggregate needs besides the document: the categories in column order and the lexicon version string. */
export interface AggregateSettings {
  readonly categories: readonly CategoryInfo[];
  readonly lexiconVersion: string;
}

/** Turn a classified document into its scores. Pure; numbers are not rounded here. */
export function aggregate(doc: ClassifiedDoc, settings: AggregateSettings): ScoreRow {
  const hits: Record<string, number> = {};
  const counts: Record<string, number> = {};
  for (const category of settings.categories) [hits[category.id], counts[category.id]] = [0, 0];
  let negatedHits = 0;
  const negated: Record<string, number> = {};
  for (const category of settings.categories) negated[category.id] = 0;
  // The frames (bit 1: state-centric, bit 2: people-centric) of each sentence with frame language.
  const frameSentences = new Map<number, number>();
  // The frame matches' weights squared, summed (their number when every weight is 1).
  let frameSquares = 0;
  for (const hit of doc.hits) {
    const { category } = hit;
    // A match of weight 0 adds nothing to the scores: no hit, no negated hit, no observation of a frame, no frame in its sentence (matches.csv lists it).
    if (hit.weight === 0) continue;
    if (hit.isNegated) {
      negatedHits += 1;
      negated[category] = (negated[category] ?? 0) + 1;
      continue;
    }
    hits[category] = addWeight(hits[category] ?? 0, hit.weight);
    counts[category] = (counts[category] ?? 0) + 1;
    const frame = category === FRAME_CATEGORIES[0] ? 1 : category === FRAME_CATEGORIES[1] ? 2 : 0;
    if (frame !== 0) {
      frameSentences.set(hit.sentence, (frameSentences.get(hit.sentence) ?? 0) | frame);
      frameSquares += hit.weight * hit.weight;
    }
  }
  const per1k: Record<string, number | null> = {};
  for (const id of Object.keys(hits)) per1k[id] = doc.wordCount > 0 ? thousandths(hits[id]) / doc.wordCount : null;
  const hasFrames = FRAME_CATEGORIES.every((id) => id in hits);
  const people = thousandths(hits.people_centric ?? 0);
  const state = thousandths(hits.state_centric ?? 0);
  const framingIndex = hasFrames && people + state > 0 ? (people - state) / (people + state) : null;
  // Interval: Wilson 95% on the people share of frame language, mapped onto the index scale by
  // index = 2 × share − 1. The share is the weighted one (the index's), and the number of
  // observations the frame matches' effective number (Kish): (Σw)² / Σw², which is their
  // number when every weight is 1 and less when weights differ, since then a few matches
  // carry most of the share. Few matches give a wide interval.
  const frameMatches = hasFrames ? effectiveCount(hits.people_centric + hits.state_centric, frameSquares) : 0;
  const interval = framingIndex === null ? null : wilsonInterval((frameMatches * people) / (people + state), frameMatches);
  const undp = UNDP_CATEGORIES.filter((id) => id in hits);
  // Hits are exact sums (`addWeight`), so hits that print alike are equal (0.1 + 0.2 and 0.3), and a tie goes to the category first in codebook order.
  const dominant = undp.reduce<string>((best, id) => (hits[id] > 0 && (best === '' || hits[id] > hits[best]) ? id : best), '');
  return {
    docId: doc.id,
    title: doc.title,
    language: doc.language,
    encoding: doc.encoding,
    tokens: doc.wordCount,
    excludedTokens: doc.excludedWords,
    sentences: doc.sentences.length,
    hits,
    per1k,
    framingIndex,
    framingCiLow: interval && 2 * interval[0] - 1,
    framingCiHigh: interval && 2 * interval[1] - 1,
    nexusShare: hasFrames && frameSentences.size > 0 ? countBoth(frameSentences) / frameSentences.size : null,
    undpDominant: dominant,
    undpBreadth: undp.length > 0 ? undp.filter((id) => hits[id] > 0).length : null,
    negatedHits,
    negated,
    lexiconVersion: settings.lexiconVersion,
    contentSha256: doc.contentSha256,
  };
}

/** Kish's effective number of observations of weights that sum to `sum` and whose squares sum to `squares`: their number when all are equal. */
function effectiveCount(sum: number, squares: number): number {
  if (squares === 0) return 0;
  const count = (sum * sum) / squares;
  // Equal weights give a whole number, which rounding in the sums may leave a hair off.
  return Math.abs(count - Math.round(count)) < 1e-9 * count ? Math.round(count) : count;
}

/** Sentences with both frames (bits 1 and 2). */
function countBoth(frameSentences: ReadonlyMap<number, number>): number {
  let both = 0;
  for (const frames of frameSentences.values()) if (frames === 3) both += 1;
  return both;
}
