import type { Issue, ScoreRow } from '../document.js';
import { sourceFromBytes, type DocumentFile } from '../ingest/index.js';
import { makeIssue } from '../issues.js';
import { matchesCsvOf, segmentsCsvOf, type SegmentKind, type TextParts } from '../output/index.js';
import type { Scorer } from './scorer.js';

/** No rows of a table (a result whose rows stay in the store). */
export const NO_CSV: TextParts = Object.freeze([]);

/** What scoring one document gives: its row, its matches and any warnings (e.g. another language). */
export interface DocResult {
  readonly id: string;
  readonly sha256: string;
  readonly row: ScoreRow;
  /**
   * The document's rows of matches.csv (no header) as UTF-8 text in parts, rendered once where the document
   * is scored, in the default CSV settings: the tables are rewritten from these without parsing them.
   */
  readonly matchesCsv: TextParts;
  /** Its rows of segments.csv, likewise, when segments are asked for. */
  readonly segmentsCsv?: TextParts;
  readonly issues: readonly Issue[];
}

/** A scored document, or the error that stopped it. */
export type DocOutcome = { readonly result: DocResult } | { readonly result?: undefined; readonly issue: Issue };

/** What `scoreBytes` makes besides the row of scores. */
export interface ScoreBytesOptions {
  /** Also score each sentence or paragraph (rows of segments.csv). */
  readonly segments?: SegmentKind;
  /** Make the rows of matches.csv (the default); false when nothing reads them (`hsframe score`): `matchesCsv` is then empty. */
  readonly hasMatches?: boolean;
}

/** Convert a file's bytes and score them. Never throws: a crash on one document becomes its issue. */
export async function scoreBytes(scorer: Scorer, bytes: Uint8Array, file: DocumentFile, sha256: string, options: ScoreBytesOptions = {}): Promise<DocOutcome> {
  try {
    const read = await sourceFromBytes(bytes, file.path, file.id, sha256);
    if (!read.doc) return { issue: read.issue };
    const { doc, row, issues } = scorer.score(read.doc);
    const matchesCsv = options.hasMatches === false ? NO_CSV : matchesCsvOf(doc);
    const segmentsCsv = options.segments ? segmentsCsvOf(doc, scorer.categories, options.segments, { hasWholeHits: scorer.hasWholeHits }) : undefined;
    return { result: { id: file.id, sha256, row, matchesCsv, segmentsCsv, issues } };
  } catch (error) {
    return { issue: makeIssue('INTERNAL_ERROR', file.id, `scoring failed: ${error instanceof Error ? error.message : String(error)}`, { stage: 'tokenise' }) };
  }
}
