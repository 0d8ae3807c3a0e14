import { readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'csv-parse/sync';
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
      const merged = await mergeTable(dirs, name, csv, seen);
      if ('issue' in merged) return refused(merged.issue);
      makeDirs(outDir);
      const writer = await CsvFileWriter.open(join(outDir, name), merged.header, csv);
      writers.push(writer);
      await writer.write(merged.records);
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

/** One table's rows from every folder, sorted as one run sorts them; `seen` maps each doc_id in scores.csv to its folder's index. */
async function mergeTable(dirs: readonly string[], name: Table, csv: CsvSettings, seen: Map<string, number>): Promise<{ header: string[]; records: string[][] } | { issue: Issue }> {
  let header: string[] | undefined;
  const records: string[][] = [];
  // Rows of errors.csv in the folders before this one.
  const earlierErrors = new Set<string>();
  for (const [index, dir] of dirs.entries()) {
    let text: string;
    try {
      text = await readFile(join(dir, name), 'utf8');
    } catch (error) {
      return { issue: makeIssue('MERGE_INVALID', join(dir, name), `cannot read ${name} of this run: ${reasonOf(error)}`) };
    }
    let table: string[][];
    try {
      table = parse(text, { bom: true, delimiter: csv.delimiter, relax_column_count: false }) as string[][];
    } catch (error) {
      return { issue: makeIssue('MERGE_INVALID', join(dir, name), `not a CSV table as this run writes them: ${reasonOf(error)}`) };
    }
    const [head, ...body] = table;
    if (header && !isDeepStrictEqual(head, header)) return { issue: makeIssue('MERGE_INVALID', join(dir, name), `columns differ from ${join(dirs[0], name)}`) };
    header = head;
    if (name === 'scores.csv') {
      // A long layout has a row per document and category: a document's rows are all in one folder.
      for (const record of body) {
        const other = seen.get(record[0]) ?? index;
        if (other !== index) return { issue: makeIssue('MERGE_INVALID', dir, `document ${record[0]} is also in ${dirs[other]}: shards overlap`) };
        seen.set(record[0], index);
      }
    }
    if (name === 'errors.csv') {
      // A problem of the corpus as a whole (CORPUS_EMPTY), which every shard reports, is listed once, as one run lists it.
      const keys = body.map((record) => JSON.stringify(record));
      body.forEach((record, i) => {
        if (!earlierErrors.has(keys[i])) records.push(record);
      });
      for (const key of keys) earlierErrors.add(key);
    } else for (const record of body) records.push(record);
  }
  // As one run sorts them: by doc_id (stable, keeping matches in text order); errors also by code.
  // The ids as a run sorts them, without the quote that keeps a spreadsheet from reading one as a formula.
  const byDocId = (a: string[], b: string[]) => compareText(untextCell(a[0]), untextCell(b[0])) || (name === 'errors.csv' ? compareText(a[2], b[2]) : 0);
  return { header: header ?? [], records: records.sort(byDocId) };
}
