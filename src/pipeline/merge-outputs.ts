import { open as openFile, readFile, realpath, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'csv-parse/sync';
import type { Issue } from '../document.js';
import { makeIssue, reasonOf } from '../issues.js';
import { CsvFileWriter, DEFAULT_CSV_SETTINGS, makeDirs, publish, scanRecord, untextCell, writeFileAtomic, type CsvSettings, type PendingFile, type RecordScan } from '../output/index.js';
import { compareText } from '../compare-text.js';
import { checkShardSet } from './check-shard-set.js';
import { mergeManifests, type RunManifest } from './merge-manifests.js';
import { REPORT_FILE, reportFromOutputs } from './write-report.js';
import { STATE_DIR } from './run.js';
import { checkNotHeld, holderText, LOCK_FILE, LockBusyError } from './run-lock.js';
import { replaceOptionalOutputs } from './write-outputs.js';

/** The CSV outputs that shards share, in the order a run lists them; each is merged by its first column (doc_id). segments.csv only from runs that kept segments. */
const TABLES = ['scores.csv', 'matches.csv', 'segments.csv', 'errors.csv'] as const;
type Table = (typeof TABLES)[number];

/** What merged runs must share, as a message names it, and where their manifests record it. */
const SHARED: readonly (readonly [name: string, of: (manifest: RunManifest) => unknown])[] = [
  ['tool version, tokeniser, lexicons or segments', (manifest) => manifest.run_key],
  ['corpus folder', (manifest) => manifest.corpus?.path],
  ['the files the corpus folder held (files were added, removed or renamed between their runs: run every shard again)', (manifest) => manifest.corpus?.listing_sha256],
  ['CSV format', (manifest) => manifest.csv ?? DEFAULT_CSV_SETTINGS],
  ['extensions', (manifest) => manifest.options?.extensions],
  ['include', (manifest) => manifest.options?.include ?? []],
  ['exclude', (manifest) => manifest.options?.exclude],
  ['max_file_bytes', (manifest) => manifest.options?.max_file_bytes],
];

/** What a merge did: its issues (with any, nothing was written), the documents merged, and what it could not merge, to tell the user. */
export interface MergeResult {
  readonly issues: Issue[];
  readonly rows: number;
  readonly notes: string[];
  /** Documents the shards' runs could not score (their manifests' counts, summed): as many as one run over the whole corpus fails. */
  readonly failed?: number;
}

/**
 * Join the outputs of `hsframe run --shard K/N` runs into the files one run over the whole
 * corpus writes: rows sorted by doc_id (stable, so matches and segments keep their text order),
 * and report.html made again from the merged scores.csv when the shards wrote one. The folders
 * must be shards 1 to N of one N (or whole runs, whose documents do not overlap) from the same
 * tool version, lexicons, segments, corpus options and CSV format. With any issue, nothing is
 * written.
 */
export async function mergeOutputs(dirs: readonly string[], outDir: string): Promise<MergeResult> {
  const refused = (issue: Issue): MergeResult => ({ issues: [issue], rows: 0, notes: [] });
  // A shard a run is writing may hold tables of two runs: it is not read until that run ends.
  for (const dir of dirs) {
    try {
      await checkNotHeld(join(dir, STATE_DIR, LOCK_FILE));
    } catch (error) {
      if (error instanceof LockBusyError) return refused(makeIssue('RUN_LOCKED', dir, `another hsframe run is writing this shard${holderText(error.owner)}: merge once it has finished`));
      throw error;
    }
  }
  const manifests: RunManifest[] = [];
  for (const dir of dirs) {
    try {
      manifests.push(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as RunManifest);
    } catch (error) {
      return refused(makeIssue('MERGE_INVALID', dir, `not a run output folder (no readable manifest.json): ${reasonOf(error)}`));
    }
  }
  const out = await realpath(outDir).catch(() => outDir);
  for (const dir of dirs) {
    if ((await realpath(dir).catch(() => dir)) === out) return refused(makeIssue('MERGE_INVALID', dir, `--out is this shard's own folder: merge into a folder of its own, so that no shard's outputs are overwritten`));
  }
  for (const [name, of] of SHARED) {
    const other = manifests.findIndex((manifest) => !isDeepStrictEqual(of(manifest), of(manifests[0])));
    if (other >= 0) return refused(makeIssue('MERGE_INVALID', `${dirs[0]}, ${dirs[other]}`, `the runs in ${dirs[0]} and ${dirs[other]} differ in ${name}; they cannot be merged`));
  }
  const shardIssues = checkShardSet(dirs, manifests.map((manifest) => manifest.options?.shard));
  if (shardIssues.length > 0) return { issues: shardIssues, rows: 0, notes: [] };
  const csv = manifests[0].csv ?? DEFAULT_CSV_SETTINGS;
  // The runs agree on segments (their run key holds them), so the first says whether there are any.
  const tables = TABLES.filter((name) => name !== 'segments.csv' || manifests[0].outputs?.includes(name));
  const writers: CsvFileWriter[] = [];
  try {
    const seen = new Map<string, number>();
    for (const name of tables) {
      const open = async (header: readonly string[]) => {
        makeDirs(outDir);
        const writer = await CsvFileWriter.open(join(outDir, name), header, csv);
        writers.push(writer);
        return writer;
      };
      if (name === 'errors.csv') {
        const merged = await mergeErrors(dirs, csv);
        if ('issue' in merged) return refused(merged.issue);
        await (await open(merged.header)).write(merged.records);
      } else {
        const issue = await mergeSortedTable(dirs, name, csv, seen, open);
        if (issue) return refused(issue);
      }
    }
    // Every table is written in full before any is renamed into place: a full disk leaves the previous ones whole.
    const finished: PendingFile[] = [];
    for (const writer of writers) finished.push(await writer.finish());
    writers.length = 0;
    await publish(finished);
    const outputs = [...tables, 'manifest.json'];
    const notes: string[] = [];
    if (manifests.some((manifest) => manifest.outputs?.includes(REPORT_FILE))) {
      const report = await reportFromOutputs(outDir, mergeManifests(manifests, { from: dirs, outputs }));
      if (report.path) outputs.push(REPORT_FILE);
      else notes.push(`${REPORT_FILE} not merged: ${report.problem}`);
    }
    // A segments.csv or report.html of an earlier merge into this folder would not match these tables.
    await replaceOptionalOutputs(outDir, join(outDir, STATE_DIR), outputs);
    // Written last, so a manifest lists only outputs that are in place.
    const manifest = mergeManifests(manifests, { from: dirs, outputs });
    await writeFileAtomic(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return { issues: [], rows: seen.size, notes, failed: manifests.reduce((sum, shard) => sum + (shard.counts?.failed ?? 0), 0) };
  } finally {
    await Promise.all(writers.map((writer) => writer.abort()));
  }
}

/** Bytes of merged rows gathered before they are written. */
const WRITE_BYTES = 1 << 20;

/**
 * Merge one table whose rows each shard wrote in doc_id order (scores.csv, matches.csv,
 * segments.csv), a row at a time: rows in doc_id order, a document's rows from its one folder
 * in the order they were written, so memory does not grow with the tables. Rows are copied as
 * the shards wrote them (the runs wrote them in the same CSV settings), not parsed into cells
 * and written again. `seen` gets each doc_id of scores.csv and its folder's index (a document in
 * two folders is refused); the other tables' doc_ids must be in their folder's scores.csv. `open` starts the merged table's file with its header. Returns the
 * issue, if any.
 */
async function mergeSortedTable(dirs: readonly string[], name: Table, csv: CsvSettings, seen: Map<string, number>, open: (header: readonly string[]) => Promise<CsvFileWriter>): Promise<Issue | undefined> {
  const readers: RowReader[] = [];
  try {
    for (const dir of dirs) {
      const reader = await RowReader.open(join(dir, name), name, csv);
      if ('issue' in reader) return reader.issue;
      readers.push(reader);
      const issue = await reader.advance();
      if (issue) return issue;
      if (!isDeepStrictEqual(reader.header, readers[0].header)) return makeIssue('MERGE_INVALID', join(dir, name), `columns differ from ${join(dirs[0], name)}`);
    }
    const writer = await open(readers[0].header ?? []);
    const rows = new RowBuffer();
    /** Each folder's doc_id checked last against its scores.csv. */
    const checked: (string | undefined)[] = [];
    for (;;) {
      // The first folder's row wins a tie, as in a stable sort of the folders' rows one after another.
      let next = -1;
      for (let index = 0; index < readers.length; index++) {
        if (readers[index].hasRow && (next < 0 || compareText(readers[index].key, readers[next].key) < 0)) next = index;
      }
      if (next < 0) break;
      const reader = readers[next];
      if (name === 'scores.csv') {
        // A long layout has a row per document and category: a document's rows are all in one folder.
        const other = seen.get(reader.key) ?? next;
        if (other !== next) return makeIssue('MERGE_INVALID', dirs[next], `document ${reader.cell} is also in ${dirs[other]}: shards overlap`);
        seen.set(reader.key, next);
      } else if (reader.key !== checked[next]) {
        // A document's matches or segments come from the run that wrote its scores: a table copied from another run is refused.
        if (seen.get(reader.key) !== next) return makeIssue('MERGE_INVALID', join(dirs[next], name), `rows for document ${reader.cell}, which ${join(dirs[next], 'scores.csv')} does not hold: the folder's tables are not from one run`);
        checked[next] = reader.key;
      }
      reader.copyRow(rows);
      if (rows.length >= WRITE_BYTES) await rows.writeTo(writer);
      const issue = await reader.advance();
      if (issue) return issue;
    }
    await rows.writeTo(writer);
    return undefined;
  } finally {
    await Promise.all(readers.map((reader) => reader.close()));
  }
}

/** Rows gathered to be written at once: one buffer, grown as needed and used again after each write. */
class RowBuffer {
  bytes = Buffer.allocUnsafe(2 * WRITE_BYTES);
  length = 0;

  /** Room for `count` more bytes from `length`. */
  room(count: number): Buffer {
    if (this.length + count > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.length + count));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    return this.bytes;
  }

  async writeTo(writer: CsvFileWriter): Promise<void> {
    await writer.writeText(this.bytes.subarray(0, this.length));
    this.length = 0;
  }
}

/** Bytes of a table read at a time. */
const READ_BYTES = 1 << 20;
const [QUOTE, LINE_FEED, CARRIAGE_RETURN] = [0x22, 0x0a, 0x0d];
const BOM = Buffer.from('\ufeff');

/**
 * A run's table read a row at a time, as bytes: its header's cells, then each row with its first
 * cell and doc_id (`key`), which must not go back. A row ends at a line feed outside quotes and
 * must hold as many cells as the header; only its first cell is decoded.
 */
class RowReader {
  /** The columns, once the first row is read (`advance`); undefined for an empty file. */
  header: string[] | undefined;
  /** A row was read (`advance`), and not the end of the table. */
  hasRow = false;
  /** Its first cell, as written. */
  cell = '';
  /** Its doc_id, as a run sorts them: without the quote that keeps a spreadsheet from reading it as a formula. */
  key = '';
  private rows = 0;
  /** Bytes read, the file's up to `position`: the row read last is `[rowStart, at)`, the bytes after it not yet taken. */
  private buffer: Buffer = Buffer.alloc(0);
  private rowStart = 0;
  private at = 0;
  private position = 0;
  private isEnd = false;
  private readonly delimiter: number;

  private constructor(
    private readonly path: string,
    private readonly name: Table,
    csv: CsvSettings,
    private readonly handle: FileHandle,
  ) {
    this.delimiter = csv.delimiter.charCodeAt(0);
  }

  static async open(path: string, name: Table, csv: CsvSettings): Promise<RowReader | { issue: Issue }> {
    try {
      return new RowReader(path, name, csv, await openFile(path));
    } catch (error) {
      return { issue: makeIssue('MERGE_INVALID', path, `cannot read ${name} of this run: ${reasonOf(error)}`) };
    }
  }

  /** Read the next row (the header first); the issue if it cannot be read, is not a row as a run writes them, or comes before the row before it. */
  async advance(): Promise<Issue | undefined> {
    let cells: number;
    try {
      cells = await this.nextRow();
    } catch (error) {
      return makeIssue('MERGE_INVALID', this.path, error instanceof NotCsv ? `not a CSV table as this run writes them: ${error.message}` : `cannot read ${this.name} of this run: ${reasonOf(error)}`);
    }
    this.hasRow = cells > 0;
    if (!this.hasRow) return undefined;
    if (this.rows++ === 0) {
      this.header = (parse(this.buffer.toString('utf8', this.rowStart, this.at), { delimiter: String.fromCharCode(this.delimiter) }) as string[][])[0];
      return this.advance();
    }
    if (cells !== this.header!.length) return makeIssue('MERGE_INVALID', this.path, `not a CSV table as this run writes them: row ${this.rows - 1} has ${cells} cells, the header ${this.header!.length}`);
    const cell = firstCell(this.buffer, this.rowStart, this.delimiter);
    const key = untextCell(cell);
    if (compareText(key, this.key) < 0) return makeIssue('MERGE_INVALID', this.path, `rows are not in doc_id order, as a run writes them: row ${this.rows - 1} (${cell}) comes after ${this.cell}`);
    [this.cell, this.key] = [cell, key];
    return undefined;
  }

  /** Add the row read last (with its line end) to `rows`. */
  copyRow(rows: RowBuffer): void {
    const target = rows.room(this.at - this.rowStart);
    rows.length += this.buffer.copy(target, rows.length, this.rowStart, this.at);
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  /** Take the next row (`[rowStart, at)` of `buffer`, its line feed included) and return how many cells it has; 0 at the end of the file. */
  private async nextRow(): Promise<number> {
    this.rowStart = this.at;
    const state: RecordScan = { scan: this.at, isQuoted: false, cells: 1 };
    for (;;) {
      const end = scanRecord(this.buffer, this.delimiter, state);
      if (end >= 0) {
        this.at = end;
        return state.cells;
      }
      if (this.isEnd) {
        if (state.isQuoted) throw new NotCsv(`row ${this.rows} has a quote that is not closed`);
        // A run ends every row with a line end: a last row without one was cut short (a copy or a disk that failed).
        if (this.buffer.length > this.rowStart) throw new NotCsv(`row ${this.rows} has no line end, as if the file were cut short`);
        return 0;
      }
      state.scan -= this.rowStart;
      await this.read();
    }
  }

  /** Read more of the file after the row being taken (a byte order mark at its start is left out). */
  private async read(): Promise<void> {
    const chunk = Buffer.allocUnsafe(READ_BYTES);
    const { bytesRead } = await this.handle.read(chunk, 0, READ_BYTES, this.position);
    const isStart = this.position === 0;
    this.position += bytesRead;
    if (bytesRead === 0) this.isEnd = true;
    let fresh = chunk.subarray(0, bytesRead);
    if (isStart && fresh.subarray(0, BOM.length).equals(BOM)) fresh = fresh.subarray(BOM.length);
    this.buffer = Buffer.concat([this.buffer.subarray(this.rowStart), fresh]);
    [this.rowStart, this.at] = [0, 0];
  }
}

/** A table's bytes that are not CSV as a run writes it. */
class NotCsv extends Error {}

/** The first cell of the CSV row at `from` in `bytes` (UTF-8), unquoted. */
function firstCell(bytes: Buffer, from: number, delimiter: number): string {
  if (bytes[from] !== QUOTE) {
    let end = from;
    while (end < bytes.length && bytes[end] !== delimiter && bytes[end] !== LINE_FEED && bytes[end] !== CARRIAGE_RETURN) end += 1;
    return bytes.toString('utf8', from, end);
  }
  let cell = '';
  for (let at = from + 1; ; ) {
    const quote = bytes.indexOf(QUOTE, at);
    if (quote < 0) return cell + bytes.toString('utf8', at);
    cell += bytes.toString('utf8', at, quote);
    if (bytes[quote + 1] !== QUOTE) return cell;
    cell += '"';
    at = quote + 2;
  }
}

/** The rows of errors.csv from every folder, as one run sorts them: by doc_id, then code; a problem of the whole corpus that every shard reports is listed once. */
async function mergeErrors(dirs: readonly string[], csv: CsvSettings): Promise<{ header: string[]; records: string[][] } | { issue: Issue }> {
  const name = 'errors.csv';
  let header: string[] | undefined;
  const records: string[][] = [];
  // Rows of errors.csv in the folders before this one.
  const earlierErrors = new Set<string>();
  for (const dir of dirs) {
    const path = join(dir, name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      return { issue: makeIssue('MERGE_INVALID', path, `cannot read ${name} of this run: ${reasonOf(error)}`) };
    }
    if (!text.endsWith('\n')) return { issue: makeIssue('MERGE_INVALID', path, 'not a CSV table as this run writes them: its last row has no line end, as if the file were cut short') };
    let rows: string[][];
    try {
      rows = parse(text, { bom: true, delimiter: csv.delimiter, relax_column_count: false }) as string[][];
    } catch (error) {
      return { issue: makeIssue('MERGE_INVALID', path, `not a CSV table as this run writes them: ${error instanceof Error ? error.message : String(error)}`) };
    }
    const [columns, ...body] = rows;
    if (header && !isDeepStrictEqual(columns, header)) return { issue: makeIssue('MERGE_INVALID', path, `columns differ from ${join(dirs[0], name)}`) };
    header = columns;
    const keys = body.map((record) => JSON.stringify(record));
    body.forEach((record, i) => {
      if (!earlierErrors.has(keys[i])) records.push(record);
    });
    for (const key of keys) earlierErrors.add(key);
  }
  // The ids as a run sorts them, without the quote that keeps a spreadsheet from reading one as a formula.
  const byDocId = (a: string[], b: string[]) => compareText(untextCell(a[0]), untextCell(b[0])) || compareText(a[2], b[2]);
  return { header: header ?? [], records: records.sort(byDocId) };
}
