import pLimit from 'p-limit';
import type { ClassifiedDoc, Issue, ScoreRow } from '../document.js';
import { readDocument, type DocumentFile, type IngestSettings } from '../ingest/index.js';
import { makeIssue } from '../issues.js';
import type { Scorer } from './scorer.js';

/** What scoring a list of files gives: rows in id order, and every problem met. */
export interface CorpusScores {
  readonly rows: ScoreRow[];
  readonly issues: Issue[];
  /** Files read and scored. */
  readonly scored: number;
  /** Files that could not be read or scored. */
  readonly failed: number;
  /** Files read but left unscored because they are in another language. */
  readonly skipped: number;
  readonly bytes: number;
}

/** Settings for scoring many files. */
export interface CorpusSettings {
  readonly ingest: IngestSettings;
  /** Files read at once. Scoring itself runs in id order, so output never depends on this. */
  readonly concurrency: number;
}

/**
 * Score files in id order. Reads run ahead in parallel (p-limit, S17) in a bounded window;
 * tokenising runs one document at a time in id order, so every result is byte-identical at
 * any concurrency. `onDoc` sees each classified document once (e.g. to write matches).
 */
export async function scoreCorpus(files: readonly DocumentFile[], scorer: Scorer, settings: CorpusSettings, onDoc?: (doc: ClassifiedDoc) => void): Promise<CorpusScores> {
  const limit = pLimit(settings.concurrency);
  const window = settings.concurrency * 2;
  const reads = new Map<number, ReturnType<typeof readDocument>>();
  const schedule = (index: number) => {
    if (index < files.length) reads.set(index, limit(() => readDocument(files[index].path, files[index].id, settings.ingest)));
  };
  for (let index = 0; index < window; index++) schedule(index);
  const result: CorpusScores = { rows: [], issues: [], scored: 0, failed: 0, skipped: 0, bytes: 0 };
  const counts = { scored: 0, failed: 0, skipped: 0, bytes: 0 };
  for (let index = 0; index < files.length; index++) {
    schedule(index + window);
    const read = await reads.get(index)!;
    reads.delete(index);
    if (!read.doc) {
      result.issues.push(read.issue);
      counts.failed += 1;
      continue;
    }
    counts.bytes += read.doc.bytes;
    try {
      const { doc, row, issues } = scorer.score(read.doc);
      result.rows.push(row);
      result.issues.push(...issues);
      if (issues.some((issue) => issue.code === 'LANGUAGE_NOT_SCORED')) counts.skipped += 1;
      else counts.scored += 1;
      onDoc?.(doc);
    } catch (error) {
      // A crash on one document must not lose the others: report it with its reason.
      result.issues.push(makeIssue('INTERNAL_ERROR', files[index].id, `scoring failed: ${error instanceof Error ? error.message : String(error)}`, { stage: 'tokenise' }));
      counts.failed += 1;
    }
  }
  return { ...result, ...counts };
}
