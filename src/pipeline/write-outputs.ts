import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Issue, ScoreRow } from '../document.js';
import {
  csvRows, CsvFileWriter, DEFAULT_CSV_SETTINGS, discard, ERROR_HEADER, errorCells, isDefaultLayout, LONG_HEADER, longCells, MATCH_HEADER, publish, recodeCsvParts, scoreCells, scoreHeader, segmentHeader, toCsv, writeFileAtomic, writePending,
  type CsvSettings, type PendingFile, type SegmentKind,
} from '../output/index.js';
import type { FragmentStore, StoredDocKey, StoredRows } from './fragment-store.js';
import type { FilesScored } from './score-files.js';
import type { Scorer } from './scorer.js';
import { areTablesCurrent, previousTables, saveTablesState, type PreviousRows, type PreviousTables, type TableRows } from './tables-state.js';
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
  /** The run state's folder and the run's key: with both, the rows of documents unchanged since the last run's tables are copied from them (`previousTables`). */
  readonly stateDir?: string;
  readonly runKey?: string;
}

/** Everything the output files are made from. */
export interface RunOutputs extends TableSettings {
  readonly stateDir: string;
  readonly runKey: string;
  readonly scored: FilesScored;
  readonly issues: readonly Issue[];
  readonly manifest: object;
  /** Names of every output file of the run (the manifest's `outputs`). */
  readonly files: readonly string[];
  /** The tables, if they were begun while the documents were scored; else they are written here. */
  readonly tables?: OrderedTables;
}

/** A document whose rows are in the store: its id and the content hash they were made from. */
export type StoredDoc = StoredDocKey;

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
  /** Batches are read and written one after another (one batch's rows in memory at a time). */
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

  /** Where each document's rows are in the tables written (after `finish`), to be saved with them; undefined in CSV settings whose rows are recoded. */
  async rows(): Promise<TableRows | undefined> {
    const files = await this.writers?.catch(() => undefined);
    return files?.rows();
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
    await files.closePrevious();
    return finished;
  }

  /** Drop the temp files; the tables in place are untouched. Documents that settle later are ignored. */
  async abort(): Promise<void> {
    this.isClosed = true;
    await this.chain;
    const files = await this.writers?.catch(() => undefined);
    if (files) await Promise.all([...files.all.map((writer) => writer.abort()), files.closePrevious()]);
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
      const toRead = batch.filter((doc) => !files.isCopied(doc));
      const rows = keptRead(toRead, await this.settings.store.readRowsOf(toRead), this.lost);
      if (this.lost.length === 0) await files.write(batch, rows);
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

/** The tables' file names, in the order their writers and rows are kept. */
function tableNames(segments: SegmentKind | undefined): string[] {
  return ['scores.csv', 'matches.csv', ...(segments ? ['segments.csv'] : [])];
}

/** What every row of the tables depends on besides its document: the run's key, the CSV settings, the layout of scores.csv and the segments. */
function rowsKey(runKey: string, csv: CsvSettings, layout: 'wide' | 'long', segments: SegmentKind | undefined): string {
  return createHash('sha256').update(JSON.stringify([runKey, csv, layout, segments ?? null])).digest('hex');
}

/** Bytes of the last run's tables to copy: `bytes` from `start`. */
interface CopyRange {
  readonly start: number;
  bytes: number;
}

/** What goes into one table, in order: rows made here (UTF-8), or rows copied from the last run's table. */
type Piece = Uint8Array[] | CopyRange;

/**
 * The temp files of the tables and how a batch of documents' rows is written into them. The
 * rows of a document unchanged since the last run's tables (same id and content, those tables
 * still as that run wrote them, made with the same CSV settings and layout) are copied from
 * them, byte for byte, without reading its stored result; and where each document's rows go is
 * kept, for the next run to do the same. The others' stored rows of matches and segments, made
 * in the default CSV settings, are recoded document by document in other settings.
 */
class TableFiles {
  /** By document, in order: id, content hash and bytes of rows in each table. */
  private readonly docRows: [string, string, ...number[]][] = [];

  private constructor(
    private readonly settings: TableSettings,
    readonly all: readonly CsvFileWriter[],
    /** The last run's tables, open for reading. */
    private readonly previous: { readonly tables: PreviousTables; readonly handles: readonly FileHandle[] } | undefined,
  ) {}

  static async open(settings: TableSettings): Promise<TableFiles> {
    const { dir, scorer, csv = DEFAULT_CSV_SETTINGS, layout = 'wide', segments } = settings;
    const headers = [layout === 'long' ? LONG_HEADER : scoreHeader(scorer.categories), MATCH_HEADER, segmentHeader(scorer.categories)];
    const writers: CsvFileWriter[] = [];
    try {
      for (const [index, name] of tableNames(segments).entries()) writers.push(await CsvFileWriter.open(join(dir, name), headers[index], csv));
    } catch (error) {
      await Promise.all(writers.map((writer) => writer.abort()));
      throw error;
    }
    return new TableFiles(settings, writers, await openPrevious(settings));
  }

  /** True when the rows of `doc` are copied from the last run's tables: they need not be read from the store. */
  isCopied(doc: StoredDoc): boolean {
    return this.copiedRows(doc) !== undefined;
  }

  /** Write the rows of `batch`, in order: copied (`isCopied`), or else from `read`, the stored rows of the others, in order. */
  async write(batch: readonly StoredDoc[], read: readonly StoredRows[]): Promise<void> {
    const { csv = DEFAULT_CSV_SETTINGS } = this.settings;
    const pieces = this.all.map((): Piece[] => []);
    let next = 0;
    for (const doc of batch) {
      const old = this.copiedRows(doc);
      if (old) {
        old.bytes.forEach((bytes, table) => addCopy(pieces[table], old.starts[table], bytes));
        this.docRows.push([doc.id, doc.sha256, ...old.bytes]);
        continue;
      }
      const rows = read[next++];
      const stored = [recoded(rows.matches, csv, isMatchNumber), recoded(rows.segments ?? new Uint8Array(), csv, isSegmentNumber)];
      const parts = [Buffer.from(csvRows(this.scoreCells(rows.row), csv)), ...stored].slice(0, this.all.length);
      parts.forEach((part, table) => addRows(pieces[table], part));
      this.docRows.push([doc.id, doc.sha256, ...parts.map((part) => part.length)]);
    }
    for (const [table, list] of pieces.entries()) {
      for (const piece of list) await this.all[table].writeText(Array.isArray(piece) ? Buffer.concat(piece) : await this.copy(table, piece));
    }
  }

  /** Where each document's rows went (after the last `write`), and what they were made with; undefined without the run's key. */
  rows(): TableRows | undefined {
    const { csv = DEFAULT_CSV_SETTINGS, layout = 'wide', segments, runKey } = this.settings;
    if (runKey === undefined) return undefined;
    return { settings: rowsKey(runKey, csv, layout, segments), headers: this.all.map((writer) => writer.headerBytes), docs: this.docRows };
  }

  /** Close the last run's tables. */
  async closePrevious(): Promise<void> {
    await Promise.all((this.previous?.handles ?? []).map((handle) => handle.close().catch(() => undefined)));
  }

  /** Where the rows of `doc` are in the last run's tables, when they are copied from there: its content is unchanged since. */
  private copiedRows(doc: StoredDoc): PreviousRows | undefined {
    const old = this.previous?.tables.docs.get(doc.id);
    return old?.sha256 === doc.sha256 ? old : undefined;
  }

  private scoreCells(row: ScoreRow): string[][] {
    const { scorer, csv = DEFAULT_CSV_SETTINGS, layout = 'wide' } = this.settings;
    const options = { hasWholeHits: scorer.hasWholeHits, decimal: csv.decimal };
    return layout === 'long' ? longCells(row, scorer.categories, options) : [scoreCells(row, scorer.categories, options)];
  }

  /** The bytes of `range` of the last run's table `table`. */
  private async copy(table: number, range: CopyRange): Promise<Uint8Array> {
    const buffer = Buffer.allocUnsafe(range.bytes);
    for (let filled = 0; filled < range.bytes; ) {
      const { bytesRead } = await this.previous!.handles[table].read(buffer, filled, range.bytes - filled, range.start + filled);
      if (bytesRead === 0) throw new Error(`${this.previous!.tables.paths[table]}: shorter than the last run wrote it`);
      filled += bytesRead;
    }
    return buffer;
  }
}

/** The column of matches.csv that holds a number to write with the decimal mark: the weight. */
const MATCH_WEIGHT = MATCH_HEADER.indexOf('weight');
const isMatchNumber = (column: number) => column === MATCH_WEIGHT;
/** The columns of segments.csv that hold numbers to write with the decimal mark: hits per category, then the framing index. */
const isSegmentNumber = (column: number) => column >= SEGMENT_NUMBERS_FROM;

/** Rows stored in the default CSV settings (UTF-8) as `csv` writes them: the same bytes in the default settings, else recoded a slice at a time (`recodeCsvParts`). */
function recoded(rows: Uint8Array, csv: CsvSettings, numberColumns: (column: number) => boolean): Uint8Array {
  if (isDefaultLayout(csv)) return rows;
  return Buffer.concat([...recodeCsvParts(rows, csv, numberColumns)].map((part) => (typeof part === 'string' ? Buffer.from(part) : part)));
}

/** The last run's tables, open for reading, when their rows can be copied (`previousTables`); undefined when they cannot, or cannot be opened. */
async function openPrevious(settings: TableSettings): Promise<{ tables: PreviousTables; handles: FileHandle[] } | undefined> {
  const { dir, csv = DEFAULT_CSV_SETTINGS, layout = 'wide', segments, stateDir, runKey } = settings;
  if (stateDir === undefined || runKey === undefined) return undefined;
  const tables = await previousTables(stateDir, dir, rowsKey(runKey, csv, layout, segments), tableNames(segments));
  if (!tables) return undefined;
  const handles: FileHandle[] = [];
  try {
    for (const path of tables.paths) handles.push(await open(path, 'r'));
  } catch {
    // Gone since it was checked: its rows are read from the store.
    await Promise.all(handles.map((handle) => handle.close().catch(() => undefined)));
    return undefined;
  }
  return { tables, handles };
}

/** Add `bytes` of the last run's table from `start` to `pieces`, joined to the range before when it ends there. */
function addCopy(pieces: Piece[], start: number, bytes: number): void {
  if (bytes === 0) return;
  const last = pieces.at(-1);
  if (last !== undefined && !Array.isArray(last) && last.start + last.bytes === start) last.bytes += bytes;
  else pieces.push({ start, bytes });
}

/** Add rows made here to `pieces`, joined to the rows before. */
function addRows(pieces: Piece[], rows: Uint8Array): void {
  if (rows.length === 0) return;
  const last = pieces.at(-1);
  if (Array.isArray(last)) last.push(rows);
  else pieces.push([rows]);
}

/**
 * Write scores.csv, matches.csv, (segments.csv,) errors.csv and manifest.json, each atomically;
 * return what the tables are made from (`digest`: the documents, their contents, the run key and
 * the tables' settings), and whether they were left as they were. The
 * tables are not rewritten when nothing that makes them has changed since the last run (same
 * documents, contents, lexicons, options and format) and each is still the file that run wrote
 * (same size, modification and status-change time). An optional output that the previous
 * manifest lists or the run state records (`optional-outputs.json`, kept when the manifest is
 * deleted or broken) and this run does not write is removed, so the folder holds what a clean
 * run writes.
 */
export async function writeOutputs(outputs: RunOutputs): Promise<{ isUnchanged: boolean; digest: string }> {
  const { dir, stateDir, scored, csv = DEFAULT_CSV_SETTINGS, layout = 'wide', segments } = outputs;
  const digest = createHash('sha256').update(JSON.stringify([rowsKey(outputs.runKey, csv, layout, segments), scored.ids.map((id) => [id, scored.contentHashes.get(id)])])).digest('hex');
  const names = tableNames(segments);
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
  // Read from the manifest being replaced, and from the run state: a manifest deleted or broken by hand does not leave them behind.
  const recorded = await recordedOptionalOutputs(stateDir);
  const stale = await staleOptionalOutputs(dir, outputs.files, recorded);
  const written = OPTIONAL_OUTPUTS.filter((name) => outputs.files.includes(name));
  // Recorded before they are in place (with those still there), so a run stopped at any point leaves none unrecorded; a record as it is already is not written again.
  const meanwhile = OPTIONAL_OUTPUTS.filter((name) => recorded.includes(name) || written.includes(name));
  if (meanwhile.length !== recorded.length) await recordOptionalOutputs(stateDir, meanwhile);
  await publish(pending);
  await removeOutputs(dir, stale);
  if (written.length !== meanwhile.length) await recordOptionalOutputs(stateDir, written);
  if (!isUnchanged) await saveTablesState(stateDir, dir, digest, names, await tables.rows());
  return { isUnchanged, digest };
}

/** The stored row of scores of every scored document, in id order, `BATCH` at a time; at the end, `StoredResultsLost` if any was missing (S13: each document with a row has its results in the store). */
export async function* storedScoreRows(store: FragmentStore, scored: FilesScored): AsyncGenerator<ScoreRow[]> {
  const lost: string[] = [];
  for (let from = 0; from < scored.ids.length; from += BATCH) {
    const docs = scored.ids.slice(from, from + BATCH).map((id) => ({ id, sha256: scored.contentHashes.get(id)! }));
    yield keptRead(docs, await store.readScoreRowsOf(docs), lost);
  }
  if (lost.length > 0) throw new StoredResultsLost(lost);
}

/** What was read for each of `docs`, without the missing, whose ids go to `lost`. */
function keptRead<T>(docs: readonly StoredDoc[], batch: readonly (T | undefined)[], lost: string[]): T[] {
  const kept: T[] = [];
  for (let i = 0; i < docs.length; i++) {
    const item = batch[i];
    if (item === undefined) lost.push(docs[i].id);
    else kept.push(item);
  }
  return kept;
}

/**
 * The stored results of these documents are missing or unreadable, though the store's index
 * lists them: the state folder was changed outside a run (a pack deleted, a disk restored
 * in part). A run scores them again (`runPipeline`).
 */
export class StoredResultsLost extends Error {
  constructor(readonly ids: readonly string[]) {
    super(`the stored results of ${ids.length} document(s) are missing or unreadable (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''}): run again with --force`);
  }
}

/**
 * Remove the optional outputs (`--segments`, `--report`) that the folder's manifest lists, or the
 * state `stateDir` records, and `files` (the outputs about to be listed) do not, so the folder
 * holds what a clean run writes; a file of that name that neither lists is not hsframe's, and
 * stays. Then record those of `files`. Call before the new manifest is written: while the
 * previous one lists them, a merge stopped here removes them next time.
 */
export async function replaceOptionalOutputs(dir: string, stateDir: string, files: readonly string[]): Promise<void> {
  const recorded = await recordedOptionalOutputs(stateDir);
  await removeOutputs(dir, await staleOptionalOutputs(dir, files, recorded));
  const written = OPTIONAL_OUTPUTS.filter((name) => files.includes(name));
  if (written.length === recorded.length && written.every((name) => recorded.includes(name))) return;
  await mkdir(stateDir, { recursive: true });
  await recordOptionalOutputs(stateDir, written);
}

/** The optional outputs that the manifest in `dir` lists, or the run state records (`recorded`), and a run writing `files` does not write. */
async function staleOptionalOutputs(dir: string, files: readonly string[], recorded: readonly string[]): Promise<string[]> {
  const listed = await listedOutputs(dir);
  return OPTIONAL_OUTPUTS.filter((name) => (listed.includes(name) || recorded.includes(name)) && !files.includes(name));
}

async function removeOutputs(dir: string, names: readonly string[]): Promise<void> {
  for (const name of names) await rm(join(dir, name), { force: true });
}

/** The run state's record of the optional outputs its runs wrote into the output folder. */
const OPTIONAL_OUTPUTS_FILE = 'optional-outputs.json';

/** The optional outputs the run state records as written by its runs (none if the record is missing or unreadable). */
async function recordedOptionalOutputs(stateDir: string): Promise<string[]> {
  try {
    const names = JSON.parse(await readFile(join(stateDir, OPTIONAL_OUTPUTS_FILE), 'utf8')) as unknown;
    return Array.isArray(names) ? OPTIONAL_OUTPUTS.filter((name) => names.includes(name)) : [];
  } catch {
    return [];
  }
}

/**
 * Note in the run state `stateDir` (when the folder has one) that the optional output `name` was
 * written outside a run (`hsframe report`): the next run that does not write it removes it, as
 * it would no longer describe the tables.
 */
export async function noteOptionalOutput(stateDir: string, name: (typeof OPTIONAL_OUTPUTS)[number]): Promise<void> {
  if (!(await stat(stateDir).then((info) => info.isDirectory(), () => false))) return;
  const recorded = await recordedOptionalOutputs(stateDir);
  if (!recorded.includes(name)) await recordOptionalOutputs(stateDir, OPTIONAL_OUTPUTS.filter((known) => known === name || recorded.includes(known)));
}

async function recordOptionalOutputs(stateDir: string, names: readonly string[]): Promise<void> {
  await writeFileAtomic(join(stateDir, OPTIONAL_OUTPUTS_FILE), JSON.stringify(names));
}

/** The outputs that the manifest in `dir` lists (none if it is missing or unreadable). */
async function listedOutputs(dir: string): Promise<string[]> {
  try {
    const { outputs } = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { outputs?: unknown };
    return Array.isArray(outputs) ? outputs.filter((name): name is string => typeof name === 'string') : [];
  } catch {
    return [];
  }
}
