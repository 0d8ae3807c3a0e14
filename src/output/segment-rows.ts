import type { CategoryInfo, ClassifiedDoc, TokenRange } from '../document.js';
import { numberCell, textCell, type Cell } from './csv.js';

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

/** Scores per sentence or paragraph: where in a long document the framing changes. */
export function segmentRows(doc: ClassifiedDoc, categories: readonly CategoryInfo[], kind: SegmentKind): SegmentRow[] {
  const ranges: readonly TokenRange[] = kind === 'sentence' ? doc.sentences : doc.paragraphs;
  const spans = kind === 'sentence' ? doc.sentenceSpans : doc.paragraphSpans;
  const rows = spans.map(({ start, end, words }, index) => {
    const hits: Record<string, number> = Object.fromEntries(categories.map((category) => [category.id, 0]));
    return { docId: doc.id, segment: index + 1, start, end, tokens: words, hits };
  });
  // Hits and segments are both in text order: one pass assigns each hit to the segment it starts in.
  let at = 0;
  for (const hit of doc.hits) {
    while (at < ranges.length && ranges[at][1] <= hit.range[0]) at += 1;
    if (at === ranges.length) break;
    if (!hit.isNegated && ranges[at][0] <= hit.range[0]) rows[at].hits[hit.category] += hit.weight;
  }
  return rows;
}

/** A segment row as CSV cells in `segmentHeader` order. */
export function segmentCells(row: SegmentRow, categories: readonly CategoryInfo[], options: { hasWholeHits: boolean; decimal?: '.' | ',' }): Cell[] {
  const people = row.hits.people_centric;
  const state = row.hits.state_centric;
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
