import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Issue, ScoreRow } from '../document.js';
import {
  CsvFileWriter, DEFAULT_CSV_SETTINGS, discard, ERROR_HEADER, errorCells, LONG_HEADER, longCells, MATCH_HEADER, publish, recodeCsvParts, scoreCells, scoreHeader, segmentHeader, toCsv, writePending,
  type CsvSettings, type PendingFile, type SegmentKind,
} from '../output/index.js';
import type { FragmentStore, StoredRows } from './fragment-store.js';
import type { FilesScored } from './score-files.js';
import type { Scorer } from './scorer.js';
import { areTablesCurrent, saveTablesState } from './tables-state.js';
import { REPORT_FILE } from './write-report.js';

/** What the tables (scores.csv, matches.csv and segments.csv) are made from. */
export interface TableSettings {
  readonly dir: string;
  readonly scorer: Scorer;
  readonly store: FragmentStore;
  readonly csv?: CsvSettings;
  /** scores.csv layout: one row per document (wide) or per document × category (long). */
  readonly layout?: 'wide' | 'long';
  /** Write segments.csv from the stored per-segment scores. */
  readonly segments?: SegmentKind;
}

/** Everything the output files are made from. */
export interface RunOutputs extends TableSettings {
  readonly stateDir: string;
  readonly scored: FilesScored;
  readonly issues: readonly Issue[];
  readonly manifest: object;
  /** Names of every output file of the run (the manifest's `outputs`). */
  readonly files: readonly string[];
  readonly runKey: string;
  /** The tables, if they were begun while the documents were scored; else they are written here. */
  readonly tables?: OrderedTables;
}

/** A document whose rows are in the store: its id and the content hash they were made from. */
export interface StoredDoc {
  readonly id: string;
  readonly sha256: string;
}

/** Documents whose stored rows are read at once (bounds the memory of rewriting the tables). */
const BATCH = 100;
/** segments.csv columns from this index on are numbers: hits per category, then the framing index. */
const SEGMENT_NUMBERS_FROM = 5;
/** Marks a settled document without rows (it failed). */
const NO_ROWS = null;
/** Outputs written only with an option on (`--segments`, `--report`). */
const OPTIONAL_OUTPUTS = ['segments.csv', REPORT_FILE] as const;

/**
 * The tables, written in id order into temp files a batch of documents at a time, so memory
 * stays flat: each document's rows are copied from the store once every document before it
 * has settled. Begun while documents are still being scored (`start`), they are written
 * alongside the scoring; `commit` writes the rest and renames them into place, `abort` drops them.
 */
export class OrderedTables {
  /** By file index: the stored document, `NO_ROWS`, or undefined while it is being scored. */
  private readonly settled: (StoredDoc | typeof NO_ROWS | undefined)[];
  /** The next file index whose rows are not yet queued. */
  private cursor = 0;
  private queued: StoredDoc[] = [];
  private written = 0;
  private isStarted = false;
  private isClosed = false;
  private writers?: Promise<TableFiles>;
  /** Batches are written one after another. */
  private chain: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;
  /** Documents whose stored rows are missing or unreadable: once there is one, rows are no longer written, only the others looked for. */
  private readonly lost: string[] = [];

  constructor(
    private readonly settings: TableSettings,
    total: number,
  ) {
    this.settled = new Array<StoredDoc | typeof NO_ROWS | undefined>(total);
  }

  /** Tables of documents that have all settled already, in this order. */
  static of(settings: TableSettings, docs: readonly StoredDoc[]): OrderedTables {
    const tables = new OrderedTables(settings, docs.length);
    docs.forEach((doc, index) => tables.settle(index, doc));
    return tables;
  }

  /** File `index` has settled: its rows are stored as `doc`, or it has none (it failed). */
  settle(index: number, doc: StoredDoc | undefined): void {
    this.settled[index] = doc ?? NO_ROWS;
    if (this.isStarted && index === this.cursor) this.advance();
  }

  /** Begin writing (once): the rows of the documents settled so far go out now, the others' as they settle. */
  start(): void {
    if (this.isStarted) return;
    this.isStarted = true;
    this.advance();
  }

  /** Write the remaining rows (`docs` must be every document with rows, in order) and rename the tables into place. */
  async commit(docs: readonly StoredDoc[]): Promise<void> {
    await publish(await this.finish(docs));
  }

  /** Write the remaining rows (`docs` must be every document with rows, in order) and close the temp files, to be renamed into place (`publish`). */
  async finish(docs: readonly StoredDoc[]): Promise<PendingFile[]> {
    this.start();
    await this.chain;
    const files = await this.openOnce().catch((error: unknown) => {
      this.failure ??= { error };
      return undefined;
    });
    if (this.failure || !files) {
      await this.abort();
      throw this.failure!.error;
    }
    if (this.lost.length > 0) {
      await this.abort();
      throw new StoredResultsLost(this.lost);
    }
    if (this.cursor !== this.settled.length || this.written !== docs.length) {
      await this.abort();
      throw new Error(`tables: ${this.written} documents written, ${docs.length} scored`);
    }
    const finished: PendingFile[] = [];
    try {
      for (const writer of files.all) finished.push(await writer.finish());
    } catch (error) {
      // Removes the temp files of the tables finished too.
      await this.abort();
      throw error;
    }
    return finished;
  }

  /** Drop the temp files; the tables in place are untouched. Documents that settle later are ignored. */
  async abort(): Promise<void> {
    this.isClosed = true;
    await this.chain;
    const files = await this.writers?.catch(() => undefined);
    if (files) await Promise.all(files.all.map((writer) => writer.abort()));
  }

  /** Queue the rows of the settled documents from the cursor on, in batches. */
  private advance(): void {
    while (this.cursor < this.settled.length && this.settled[this.cursor] !== undefined) {
      const doc = this.settled[this.cursor];
      this.settled[this.cursor] = undefined;
      this.cursor += 1;
      if (doc) this.queued.push(doc);
      if (this.queued.length >= BATCH) this.flush();
    }
    if (this.cursor === this.settled.length) this.flush();
  }

  private flush(): void {
    if (this.queued.length === 0 || this.isClosed) return;
    const batch = this.queued;
    this.queued = [];
    this.chain = this.chain.then(() => this.write(batch));
  }

  private async write(batch: readonly StoredDoc[]): Promise<void> {
    if (this.failure) return;
    try {
      const files = await this.openOnce();
      const rows = await readBatch(batch, (id, sha256) => this.settings.store.readRows(id, sha256), this.lost);
      if (this.lost.length === 0) await files.write(rows);
      this.written += batch.length;
    } catch (error) {
      this.failure = { error };
    }
  }

  private openOnce(): Promise<TableFiles> {
    this.writers ??= TableFiles.open(this.settings);
    return this.writers;
  }
}

/** The temp files of the tables, and how a batch of stored rows is written into them. */
class TableFiles {
  private constructor(
    private readonly settings: TableSettings,
    private readonly scores: CsvFileWriter,
    private readonly matches: CsvFileWriter,
    private readonly segments: CsvFileWriter | undefined,
  ) {}

  static async open(settings: TableSettings): Promise<TableFiles> {
    const { dir, scorer, csv = DEFAULT_CSV_SETTINGS, layout = 'wide', segments } = settings;
    const writers: CsvFileWriter[] = [];
    try {
      writers.push(await CsvFileWriter.open(join(dir, 'scores.csv'), layout === 'long' ? LONG_HEADER : scoreHeader(scorer.categories), csv));
      writers.push(await CsvFileWriter.open(join(dir, 'matches.csv'), MATCH_HEADER, csv));
      if (segments) writers.push(await CsvFileWriter.open(join(dir, 'segments.csv'), segmentHeader(scorer.categories), csv));
    } catch (error) {
      await Promise.all(writers.map((writer) => writer.abort()));
      throw error;
    }
    return new TableFiles(settings, writers[0], writers[1], writers[2]);
  }

  get all(): CsvFileWriter[] {
    return [this.scores, this.matches, ...(this.segments ? [this.segments] : [])];
  }

  /** Rows of matches and segments were rendered when each document was scored: they are only recoded for other CSV settings. */
  async write(batch: readonly StoredRows[]): Promise<void> {
    const { scorer, csv = DEFAULT_CSV_SETTINGS, layout = 'wide' } = this.settings;
    const options = { hasWholeHits: scorer.hasWholeHits, decimal: csv.decimal };
    const cellsOf = (row: ScoreRow) => (layout === 'long' ? longCells(row, scorer.categories, options) : [scoreCells(row, scorer.categories, options)]);
    await this.scores.write(batch.flatMap((rows) => cellsOf(rows.row)));
    await writeRecoded(this.matches, batch.map((rows) => rows.matches), csv, (column) => column === MATCH_HEADER.indexOf('weight'));
    if (this.segments) await writeRecoded(this.segments, batch.map((rows) => rows.segments ?? new Uint8Array()), csv, (column) => column >= SEGMENT_NUMBERS_FROM);
  }
}

/**
 * Write scores.csv, matches.csv, (segments.csv,) errors.csv and manifest.json, each atomically. The
 * tables are not rewritten when nothing that makes them has changed since the last run (same
 * documents, contents, lexicons, options and format) and each is still the file that run wrote
 * (same size and modification time). An optional output that the previous manifest lists and
 * this run does not write is removed, so the folder holds what a clean run writes.
 */
export async function writeOutputs(outputs: RunOutputs): Promise<{ isUnchanged: boolean }> {
  const { dir, stateDir, scored, csv = DEFAULT_CSV_SETTINGS, layout = 'wide', segments } = outputs;
  const digest = createHash('sha256').update(JSON.stringify([outputs.runKey, csv, layout, segments, scored.ids.map((id) => [id, scored.contentHashes.get(id)])])).digest('hex');
  const names = ['scores.csv', 'matches.csv', ...(segments ? ['segments.csv'] : [])];
  const isUnchanged = await areTablesCurrent(stateDir, dir, digest, names);
  const docs = scored.ids.map((id) => ({ id, sha256: scored.contentHashes.get(id)! }));
  const tables = outputs.tables ?? OrderedTables.of(outputs, docs);
  // Every file is written in full before any is renamed into place: a full disk leaves the previous set whole.
  const pending: PendingFile[] = [];
  try {
    if (isUnchanged) await tables.abort();
    else pending.push(...(await tables.finish(docs)));
    pending.push(await writePending(join(dir, 'errors.csv'), toCsv(ERROR_HEADER, errorCells(outputs.issues), csv)));
    pending.push(await writePending(join(dir, 'manifest.json'), `${JSON.stringify(outputs.manifest, null, 2)}\n`));
  } catch (error) {
    await discard(pending);
    throw error;
  }
  // Read from the manifest being replaced.
  const stale = await staleOptionalOutputs(dir, outputs.files);
  await publish(pending);
  await removeOutputs(dir, stale);
  if (!isUnchanged) await saveTablesState(stateDir, dir, digest, names);
  return { isUnchanged };
}

/** The stored row of scores of every scored document, in id order, a batch at a time. */
export function storedScoreRows(store: FragmentStore, scored: FilesScored): AsyncGenerator<ScoreRow[]> {
  return readInBatches(scored, (id, sha256) => store.readRow(id, sha256));
}

/** `read` for every scored document, in id order, `BATCH` at a time; at the end, `StoredResultsLost` if any was missing. */
async function* readInBatches<T>(scored: FilesScored, read: (id: string, sha256: string) => Promise<T | undefined>): AsyncGenerator<T[]> {
  const lost: string[] = [];
  for (let from = 0; from < scored.ids.length; from += BATCH) {
    yield await readBatch(scored.ids.slice(from, from + BATCH).map((id) => ({ id, sha256: scored.contentHashes.get(id)! })), read, lost);
  }
  if (lost.length > 0) throw new StoredResultsLost(lost);
}

/** `read` for each document of a batch (S13: each document with a row has its results in the store); the ids of those missing go to `lost`. */
async function readBatch<T>(docs: readonly StoredDoc[], read: (id: string, sha256: string) => Promise<T | undefined>, lost: string[]): Promise<T[]> {
  const batch = await Promise.all(docs.map((doc) => read(doc.id, doc.sha256)));
  batch.forEach((item, i) => {
    if (item === undefined) lost.push(docs[i].id);
  });
  return batch.filter((item) => item !== undefined) as T[];
}

/**
 * The stored results of these documents are missing or unreadable, though the store's index
 * lists them: the state folder was changed outside a run (a fragment deleted, a disk restored
 * in part). A run scores them again (`runPipeline`).
 */
export class StoredResultsLost extends Error {
  constructor(readonly ids: readonly string[]) {
    super(`the stored results of ${ids.length} document(s) are missing or unreadable (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''}): run again with --force`);
  }
}

/** Write stored rows, joined: copied as bytes in the default settings, else decoded and recoded a slice at a time. */
async function writeRecoded(writer: CsvFileWriter, rows: readonly Uint8Array[], csv: CsvSettings, numberColumns: (column: number) => boolean): Promise<void> {
  for (const part of recodeCsvParts(Buffer.concat(rows), csv, numberColumns)) await writer.writeText(part);
}

/** The outputs that the manifest in `dir` lists (none if it is missing or unreadable). */
/**
 * Remove the optional outputs (`--segments`, `--report`) that the folder's manifest lists and
 * `files` (the outputs about to be listed) do not, so the folder holds what a clean run writes;
 * a file of that name that no manifest lists is not hsframe's, and stays. Call before the new
 * manifest is written: while the previous one lists them, a run killed here removes them next time.
 */
export async function removeStaleOptionalOutputs(dir: string, files: readonly string[]): Promise<void> {
  await removeOutputs(dir, await staleOptionalOutputs(dir, files));
}

/** The optional outputs that the manifest in `dir` lists and a run writing `files` does not write. */
async function staleOptionalOutputs(dir: string, files: readonly string[]): Promise<string[]> {
  const listed = await listedOutputs(dir);
  return OPTIONAL_OUTPUTS.filter((name) => listed.includes(name) && !files.includes(name));
}

async function removeOutputs(dir: string, names: readonly string[]): Promise<void> {
  for (const name of names) await rm(join(dir, name), { force: true });
}

async function listedOutputs(dir: string): Promise<string[]> {
  try {
    const { outputs } = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { outputs?: unknown };
    return Array.isArray(outputs) ? outputs.filter((name): name is string => typeof name === 'string') : [];
  } catch {
    return [];
  }
}
