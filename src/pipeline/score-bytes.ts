import type { Issue, ScoreRow } from '../document.js';
import { sourceFromBytes, type DocumentFile } from '../ingest/index.js';
import { makeIssue } from '../issues.js';
import { matchRows, segmentRows, type MatchRow, type SegmentKind, type SegmentRow } from '../output/index.js';
import type { Scorer } from './scorer.js';

/** What scoring one document gives: its row, its matches and any warnings (e.g. another language). */
export interface DocResult {
  readonly id: string;
  readonly sha256: string;
  readonly row: ScoreRow;
  readonly matches: readonly MatchRow[];
  /** Scores per sentence or paragraph, when asked for. */
  readonly segments?: readonly SegmentRow[];
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
    const segments = options.segments ? segmentRows(doc, scorer.categories, options.segments) : undefined;
    return { result: { id: file.id, sha256, row, matches: matchRows(doc), segments, issues } };
  } catch (error) {
    return { issue: makeIssue('INTERNAL_ERROR', file.id, `scoring failed: ${error instanceof Error ? error.message : String(error)}`, { stage: 'tokenise' }) };
  }
}
