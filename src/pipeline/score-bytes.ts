import type { Issue, ScoreRow } from '../document.js';
import { sourceFromBytes, type DocumentFile } from '../ingest/index.js';
import { makeIssue } from '../issues.js';
import { csvRows, matchCells, matchRows, segmentCells, segmentRows, type SegmentKind } from '../output/index.js';
import type { Scorer } from './scorer.js';

/** What scoring one document gives: its row, its matches and any warnings (e.g. another language). */
export interface DocResult {
  readonly id: string;
  readonly sha256: string;
  readonly row: ScoreRow;
  /**
   * The document's rows of matches.csv (no header), rendered once where the document is scored,
   * in the default CSV settings: the tables are rewritten from these without parsing them.
   */
  readonly matchesCsv: string;
  /** Its rows of segments.csv, likewise, when segments are asked for. */
  readonly segmentsCsv?: string;
  readonly issues: readonly Issue[];
}

/** A scored document, or the error that stopped it. */
export type DocOutcome = { readonly result: DocResult } | { readonly result?: undefined; readonly issue: Issue };

/** Convert a file's bytes and score them. Never throws: a crash on one document becomes its issue. */
export async function scoreBytes(scorer: Scorer, bytes: Uint8Array, file: DocumentFile, sha256: string, options: { segments?: SegmentKind } = {}): Promise<DocOutcome> {
  try {
    const read = await sourceFromBytes(bytes, file.path, file.id, sha256);
    if (!read.doc) return { issue: read.issue };
    const { doc, row, issues } = scorer.score(read.doc);
    const matchesCsv = csvRows(matchRows(doc).map((match) => matchCells(match)));
    const segmentsCsv = options.segments ? csvRows(segmentRows(doc, scorer.categories, options.segments).map((segment) => segmentCells(segment, scorer.categories, { hasWholeHits: scorer.hasWholeHits }))) : undefined;
    return { result: { id: file.id, sha256, row, matchesCsv, segmentsCsv, issues } };
  } catch (error) {
    return { issue: makeIssue('INTERNAL_ERROR', file.id, `scoring failed: ${error instanceof Error ? error.message : String(error)}`, { stage: 'tokenise' }) };
  }
}
