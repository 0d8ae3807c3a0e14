import type { ReadStream } from 'node:fs';
import { open as openFile, readFile, realpath, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseCsv, type Parser } from 'csv-parse';
import type { Issue } from '../document.js';
import { makeIssue, reasonOf } from '../issues.js';
import { CsvFileWriter, DEFAULT_CSV_SETTINGS, makeDirs, publish, untextCell, writeFileAtomic, type CsvSettings, type PendingFile } from '../output/index.js';
import { compareText } from '../compare-text.js';
import { checkShardSet } from './check-shard-set.js';
import { mergeManifests, type RunManifest } from './merge-manifests.js';
import { REPORT_FILE, reportFromOutputs } from './write-report.js';
import { removeStaleOptionalOutputs } from './write-outputs.js';

/** The CSV outputs that shards share, in the order a run lists them; each is merged by its first column (doc_id). segments.csv only from runs that kept segments. */
const TABLES = ['scores.csv', 'matches.csv', 'segments.csv', 'errors.csv'] as const;
type Table = (typeof TABLES)[number];

/** What merged runs must share, as a message names it, and where their manifests record it. */
const SHARED: readonly (readonly [name: string, of: (manifest: RunManifest) => unknown])[] = [
  ['tool version, tokeniser, lexicons or segments', (manifest) => manifest.run_key],
  ['corpus folder', (manifest) => manifest.corpus?.path],
  ['CSV format', (manifest) => manifest.csv ?? DEFAULT_CSV_SETTINGS],
  ['extensions', (manifest) => manifest.options?.extensions],
  ['exclude', (manifest) => manifest.options?.exclude],
  ['max_file_bytes', (manifest) => manifest.options?.max_file_bytes],
];

/** What a merge did: its issues (with any, nothing was written), the documents merged, and what it could not merge, to tell the user. */
export interface MergeResult {
  readonly issues: Issue[];
  readonly rows: number;
  readonly notes: string[];
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
    await removeStaleOptionalOutputs(outDir, outputs);
    // Written last, so a manifest lists only outputs that are in place.
    const manifest = mergeManifests(manifests, { from: dirs, outputs });
    await writeFileAtomic(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return { issues: [], rows: seen.size, notes };
  } finally {
    await Promise.all(writers.map((writer) => writer.abort()));
  }
}

/** Rows of a merged table written at once. */
const WRITE_ROWS = 2048;

/**
 * Merge one table whose rows each shard wrote in doc_id order (scores.csv, matches.csv,
 * segments.csv), a row at a time: rows in doc_id order, a document's rows from its one folder
 * in the order they were written, so memory does not grow with the tables. `seen` gets each
 * doc_id of scores.csv and its folder's index (a document in two folders is refused).
 * `open` starts the merged table's file with its header. Returns the issue, if any.
 */
async function mergeSortedTable(dirs: readonly string[], name: Table, csv: CsvSettings, seen: Map<string, number>, open: (header: readonly string[]) => Promise<CsvFileWriter>): Promise<Issue | undefined> {
  const readers: TableReader[] = [];
  try {
    for (const dir of dirs) {
      const reader = await TableReader.open(join(dir, name), name, csv);
      if ('issue' in reader) return reader.issue;
      readers.push(reader);
      const issue = await reader.advance();
      if (issue) return issue;
      if (!isDeepStrictEqual(reader.header, readers[0].header)) return makeIssue('MERGE_INVALID', join(dir, name), `columns differ from ${join(dirs[0], name)}`);
    }
    const writer = await open(readers[0].header ?? []);
    let batch: string[][] = [];
    for (;;) {
      // The first folder's row wins a tie, as in a stable sort of the folders' rows one after another.
      let next = -1;
      for (let index = 0; index < readers.length; index++) {
        if (readers[index].record && (next < 0 || compareText(readers[index].key, readers[next].key) < 0)) next = index;
      }
      if (next < 0) break;
      const reader = readers[next];
      if (name === 'scores.csv') {
        // A long layout has a row per document and category: a document's rows are all in one folder.
        const other = seen.get(reader.key) ?? next;
        if (other !== next) return makeIssue('MERGE_INVALID', dirs[next], `document ${reader.record![0]} is also in ${dirs[other]}: shards overlap`);
        seen.set(reader.key, next);
      }
      batch.push(reader.record!);
      if (batch.length === WRITE_ROWS) {
        await writer.write(batch);
        batch = [];
      }
      const issue = await reader.advance();
      if (issue) return issue;
    }
    await writer.write(batch);
    return undefined;
  } finally {
    await Promise.all(readers.map((reader) => reader.close()));
  }
}

/** A run's table read a row at a time: its header, then each row with its doc_id (`key`), which must not go back unless the table is not `isOrdered`. */
class TableReader {
  /** The columns, once the first row is read (`advance`); undefined for an empty file. */
  header: string[] | undefined;
  /** The row read last, undefined at the end. */
  record: string[] | undefined;
  /** Its doc_id, as a run sorts them: without the quote that keeps a spreadsheet from reading it as a formula. */
  key = '';
  private rows = 0;
  private isReadFailed = false;
  private readonly records: AsyncIterator<string[]>;

  private readonly parser: Parser;
  private readonly stream: ReadStream;

  private constructor(
    private readonly path: string,
    private readonly name: Table,
    csv: CsvSettings,
    private readonly handle: FileHandle,
    private readonly isOrdered: boolean,
  ) {
    this.parser = parseCsv({ bom: true, delimiter: csv.delimiter, relax_column_count: false });
    this.records = this.parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
    this.stream = handle.createReadStream({ autoClose: false });
    this.stream.on('error', (error) => {
      this.isReadFailed = true;
      this.parser.destroy(error);
    });
    this.stream.pipe(this.parser);
  }

  static async open(path: string, name: Table, csv: CsvSettings, { isOrdered = true } = {}): Promise<TableReader | { issue: Issue }> {
    let handle: FileHandle;
    try {
      handle = await openFile(path);
    } catch (error) {
      return { issue: makeIssue('MERGE_INVALID', path, `cannot read ${name} of this run: ${reasonOf(error)}`) };
    }
    return new TableReader(path, name, csv, handle, isOrdered);
  }

  /** Read the next row (the header first); the issue if it cannot be read or comes before the row before it. */
  async advance(): Promise<Issue | undefined> {
    let next: IteratorResult<string[]>;
    try {
      next = await this.records.next();
    } catch (error) {
      const problem = this.isReadFailed ? `cannot read ${this.name} of this run: ${reasonOf(error)}` : `not a CSV table as this run writes them: ${error instanceof Error ? error.message : String(error)}`;
      return makeIssue('MERGE_INVALID', this.path, problem);
    }
    if (next.done) {
      this.record = undefined;
      return undefined;
    }
    if (this.rows++ === 0) {
      this.header = next.value;
      return this.advance();
    }
    const key = untextCell(next.value[0]);
    if (this.isOrdered && compareText(key, this.key) < 0) return makeIssue('MERGE_INVALID', this.path, `rows are not in doc_id order, as a run writes them: row ${this.rows - 1} (${next.value[0]}) comes after ${this.record![0]}`);
    [this.record, this.key] = [next.value, key];
    return undefined;
  }

  async close(): Promise<void> {
    this.stream.destroy();
    this.parser.destroy();
    await this.handle.close().catch(() => undefined);
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
    const reader = await TableReader.open(join(dir, name), name, csv, { isOrdered: false });
    if ('issue' in reader) return reader;
    const body: string[][] = [];
    try {
      for (;;) {
        const issue = await reader.advance();
        if (issue) return { issue };
        if (!reader.record) break;
        body.push(reader.record);
      }
    } finally {
      await reader.close();
    }
    if (header && !isDeepStrictEqual(reader.header, header)) return { issue: makeIssue('MERGE_INVALID', join(dir, name), `columns differ from ${join(dirs[0], name)}`) };
    header = reader.header;
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
