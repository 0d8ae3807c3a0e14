import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Issue, ScoreRow } from '../document.js';
import {
  CsvFileWriter, DEFAULT_CSV_SETTINGS, ERROR_HEADER, errorCells, isDefaultLayout, LONG_HEADER, longCells, MATCH_HEADER, recodeCsvRows, scoreCells, scoreHeader, segmentHeader, writeFileAtomic,
  type CsvSettings, type SegmentKind,
} from '../output/index.js';
import type { FragmentStore, StoredRows } from './fragment-store.js';
import type { FilesScored } from './score-files.js';
import type { Scorer } from './scorer.js';

/** Everything the output files are made from. */
export interface RunOutputs {
  readonly dir: string;
  readonly stateDir: string;
  readonly scorer: Scorer;
  readonly scored: FilesScored;
  readonly store: FragmentStore;
  readonly issues: readonly Issue[];
  readonly manifest: object;
  readonly csv?: CsvSettings;
  /** scores.csv layout: one row per document (wide) or per document × category (long). */
  readonly layout?: 'wide' | 'long';
  /** Write segments.csv from the stored per-segment scores. */
  readonly segments?: SegmentKind;
  readonly runKey: string;
}

/** Documents whose stored rows are read at once (bounds the memory of rewriting the tables). */
const BATCH = 100;
/** segments.csv columns from this index on are numbers: hits per category, then the framing index. */
const SEGMENT_NUMBERS_FROM = 5;

/**
 * Write scores.csv, matches.csv, (segments.csv,) errors.csv and manifest.json, each atomically. scores.csv
 * and matches.csv are not rewritten when nothing that makes them has changed since the
 * last run (same documents, contents, lexicons, options and format).
 */
export async function writeOutputs(outputs: RunOutputs): Promise<{ isUnchanged: boolean }> {
  const { dir, scorer, scored, store, csv = DEFAULT_CSV_SETTINGS, layout = 'wide', segments } = outputs;
  const digestFile = join(outputs.stateDir, 'outputs.json');
  const digest = createHash('sha256').update(JSON.stringify([outputs.runKey, csv, layout, segments, scored.ids.map((id) => [id, scored.contentHashes.get(id)])])).digest('hex');
  const names = ['scores.csv', 'matches.csv', ...(segments ? ['segments.csv'] : [])];
  const isUnchanged = (await readDigest(digestFile)) === digest && (await Promise.all(names.map((name) => exists(join(dir, name))))).every(Boolean);
  if (!isUnchanged) {
    const options = { hasWholeHits: scorer.hasWholeHits, decimal: csv.decimal };
    const writers: CsvFileWriter[] = [];
    try {
      const scores = await CsvFileWriter.open(join(dir, 'scores.csv'), layout === 'long' ? LONG_HEADER : scoreHeader(scorer.categories), csv);
      writers.push(scores);
      const matches = await CsvFileWriter.open(join(dir, 'matches.csv'), MATCH_HEADER, csv);
      writers.push(matches);
      const segmentWriter = segments ? await CsvFileWriter.open(join(dir, 'segments.csv'), segmentHeader(scorer.categories), csv) : undefined;
      if (segmentWriter) writers.push(segmentWriter);
      const cellsOf = (row: ScoreRow) => (layout === 'long' ? longCells(row, scorer.categories, options) : [scoreCells(row, scorer.categories, options)]);
      // Every table is copied from the store in id order, a batch of documents at a time, so memory
      // stays flat; rows of matches and segments were rendered when each document was scored and
      // are only recoded for other CSV settings.
      const isWeight = (column: number) => column === MATCH_HEADER.indexOf('weight');
      const isSegmentNumber = (column: number) => column >= SEGMENT_NUMBERS_FROM;
      for await (const batch of storedBatches(store, scored)) {
        await scores.write(batch.flatMap((rows) => cellsOf(rows.row)));
        await matches.writeText(recodeRows(batch.map((rows) => rows.matches), csv, isWeight));
        await segmentWriter?.writeText(recodeRows(batch.map((rows) => rows.segments ?? new Uint8Array()), csv, isSegmentNumber));
      }
    } catch (error) {
      await Promise.all(writers.map((writer) => writer.abort()));
      throw error;
    }
    for (const writer of writers) await writer.commit();
  }
  const errors = await CsvFileWriter.open(join(dir, 'errors.csv'), ERROR_HEADER, csv);
  await errors.write(errorCells(outputs.issues));
  await errors.commit();
  await writeFileAtomic(join(dir, 'manifest.json'), `${JSON.stringify(outputs.manifest, null, 2)}\n`);
  if (!isUnchanged) await writeFileAtomic(digestFile, JSON.stringify({ digest }));
  return { isUnchanged };
}

/** The stored rows of scores, matches and segments of every scored document, in id order, a batch at a time. */
function storedBatches(store: FragmentStore, scored: FilesScored): AsyncGenerator<StoredRows[]> {
  return readInBatches(scored, (id, sha256) => store.readRows(id, sha256));
}

/** The stored row of scores of every scored document, in id order, a batch at a time. */
export function storedScoreRows(store: FragmentStore, scored: FilesScored): AsyncGenerator<ScoreRow[]> {
  return readInBatches(scored, (id, sha256) => store.readRow(id, sha256));
}

/** `read` for every scored document, in id order, `BATCH` at a time (S13: each document with a row has its results in the store). */
async function* readInBatches<T>(scored: FilesScored, read: (id: string, sha256: string) => Promise<T | undefined>): AsyncGenerator<T[]> {
  for (let from = 0; from < scored.ids.length; from += BATCH) {
    const ids = scored.ids.slice(from, from + BATCH);
    const batch = await Promise.all(ids.map((id) => read(id, scored.contentHashes.get(id)!)));
    const missing = batch.findIndex((item) => item === undefined);
    if (missing >= 0) throw new Error(`the stored results of ${ids[missing]} are missing or out of date (run again with --force)`);
    yield batch as T[];
  }
}

/** Stored rows, joined: copied as bytes in the default settings, else decoded and recoded. */
function recodeRows(rows: readonly Uint8Array[], csv: CsvSettings, numberColumns: (column: number) => boolean): Uint8Array | string {
  const bytes = Buffer.concat(rows);
  return isDefaultLayout(csv) ? bytes : recodeCsvRows(bytes.toString('utf8'), csv, numberColumns);
}

async function readDigest(file: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(file, 'utf8')) as { digest?: string }).digest;
  } catch {
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}
