import type { CategoryInfo, ClassifiedDoc, TokenRange } from '../document.js';
import { addWeight, thousandths } from '../weight-sums.js';
import { csvBytes, numberCell, textCell, type Cell, type TextParts } from './csv.js';

/** What one row of segments.csv covers. */
export type SegmentKind = 'sentence' | 'paragraph';

/** Scores of one sentence or paragraph of a document. */
export interface SegmentRow {
  readonly docId: string;
  /** 1-based number of the segment in its document. */
  readonly segment: number;
  /** Character offsets of the segment, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly tokens: number;
  /** Per category id: weighted, non-negated hits. */
  readonly hits: Readonly<Record<string, number>>;
}

/** segments.csv columns for these categories. */
export function segmentHeader(categories: readonly CategoryInfo[]): string[] {
  return ['doc_id', 'segment', 'start', 'end', 'tokens', ...categories.map((category) => `${category.id}_hits`), 'framing_index'];
}

/**
 * The rows of segments.csv for a document (scores per sentence or paragraph: where in a long
 * document the framing changes), as CSV text in parts (`csvBytes`). Each part's rows are made as
 * it is written, so a document of a million paragraphs never holds a million rows at once.
 */
export function segmentsCsvOf(doc: ClassifiedDoc, categories: readonly CategoryInfo[], kind: SegmentKind, options: { hasWholeHits: boolean }): TextParts {
  const ranges: readonly TokenRange[] = kind === 'sentence' ? doc.sentences : doc.paragraphs;
  const spans = kind === 'sentence' ? doc.sentenceSpans : doc.paragraphSpans;
  const { hits } = doc;
  // Hits and segments are both in text order, and parts are made in order: one pass assigns each hit to the segment it starts in.
  let next = 0;
  return csvBytes(spans.length, (from, to) => {
    const rows: Cell[][] = [];
    for (let index = from; index < to; index++) {
      const [first, end] = ranges[index];
      const counts: Record<string, number> = Object.fromEntries(categories.map((category) => [category.id, 0]));
      for (; next < hits.length && hits[next].range[0] < end; next++) {
        const hit = hits[next];
        if (!hit.isNegated && hit.range[0] >= first) counts[hit.category] = addWeight(counts[hit.category], hit.weight);
      }
      const { start, end: endChar, words } = spans[index];
      rows.push(segmentCells({ docId: doc.id, segment: index + 1, start, end: endChar, tokens: words, hits: counts }, categories, options));
    }
    return rows;
  });
}

/** A segment row as CSV cells in `segmentHeader` order. */
export function segmentCells(row: SegmentRow, categories: readonly CategoryInfo[], options: { hasWholeHits: boolean; decimal?: '.' | ',' }): Cell[] {
  const [people, state] = [row.hits.people_centric, row.hits.state_centric].map((hits) => (hits === undefined ? undefined : thousandths(hits)));
  const index = people !== undefined && state !== undefined && people + state > 0 ? (people - state) / (people + state) : null;
  return [
    textCell(row.docId),
    String(row.segment),
    String(row.start),
    String(row.end),
    String(row.tokens),
    ...categories.map((category) => numberCell(row.hits[category.id] ?? 0, options.hasWholeHits ? 0 : 3, options.decimal)),
    numberCell(index, 4, options.decimal),
  ];
}
