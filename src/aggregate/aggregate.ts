import type { CategoryInfo, ClassifiedDoc, ScoreRow } from '../document.js';
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
  for (const hit of doc.hits) {
    const { category } = hit;
    if (hit.isNegated) {
      negatedHits += 1;
      negated[category] = (negated[category] ?? 0) + 1;
      continue;
    }
    // A match of weight 0 adds nothing to the scores: no hit, no observation of a frame, no frame in its sentence (matches.csv lists it).
    if (hit.weight === 0) continue;
    hits[category] = (hits[category] ?? 0) + hit.weight;
    counts[category] = (counts[category] ?? 0) + 1;
    const frame = category === FRAME_CATEGORIES[0] ? 1 : category === FRAME_CATEGORIES[1] ? 2 : 0;
    if (frame !== 0) frameSentences.set(hit.sentence, (frameSentences.get(hit.sentence) ?? 0) | frame);
  }
  const per1k: Record<string, number | null> = {};
  for (const id of Object.keys(hits)) per1k[id] = doc.wordCount > 0 ? (hits[id] * 1000) / doc.wordCount : null;
  const hasFrames = FRAME_CATEGORIES.every((id) => id in hits);
  const people = hits.people_centric ?? 0;
  const state = hits.state_centric ?? 0;
  const framingIndex = hasFrames && people + state > 0 ? (people - state) / (people + state) : null;
  // Interval: Wilson 95% on the people share of frame language, with each counted match one
  // observation (the weighted share over the number of matches), mapped onto the index scale
  // by index = 2 × share − 1. Few matches give a wide interval.
  const frameMatches = hasFrames ? counts.people_centric + counts.state_centric : 0;
  const interval = framingIndex === null ? null : wilsonInterval((frameMatches * people) / (people + state), frameMatches);
  const undp = UNDP_CATEGORIES.filter((id) => id in hits);
  // Compared as scores.csv prints them (3 decimals), so hits that print alike tie (0.1 + 0.2 against 0.3), and a tie goes to the category first in codebook order.
  const printed = (id: string) => Number(hits[id].toFixed(3));
  const dominant = undp.reduce<string>((best, id) => (hits[id] > 0 && (best === '' || printed(id) > printed(best)) ? id : best), '');
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

/** Sentences with both frames (bits 1 and 2). */
function countBoth(frameSentences: ReadonlyMap<number, number>): number {
  let both = 0;
  for (const frames of frameSentences.values()) if (frames === 3) both += 1;
  return both;
}
