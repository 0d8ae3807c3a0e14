import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Issue } from '../document.js';
import { findDocuments, RUN_STATE_FOLDER } from '../ingest/index.js';
import { makeIssue, reasonOf } from '../issues.js';
import { addKeptInflections, addKeptLexicons, keptInflections, keptLexicons, keptLexiconsChanged, knownInflectionCount } from '../lexicon/index.js';
import { makeDirs, writeFileAtomic } from '../output/index.js';
import type { CsvSettings, ReportRow, SegmentKind } from '../output/index.js';
import type { RunConfig } from './config.js';
import { FragmentStore, removeTempFiles } from './fragment-store.js';
import { TOOL } from './package-info.js';
import { acquireLock, LOCK_FILE, LockBusyError, type RunLock } from './run-lock.js';
import { scoreFiles, type FilesScored, type ScoreProgress } from './score-files.js';
import type { Scorer } from './scorer.js';
import { loadScorer } from './load-scorer.js';
import { isInShard, MAX_SHARDS, type Shard } from './shard.js';
import { isOutputCurrent, saveOutputState } from './tables-state.js';
import { OrderedTables, StoredResultsLost, storedScoreRows, writeOutputs } from './write-outputs.js';
import { REPORT_FILE, reportRowsFromScores, writeReport } from './write-report.js';

/** What a pipeline run did. `fatal` is set when nothing could be scored or written. */
export interface RunSummary {
  readonly outputDir: string;
  readonly scored: number;
  readonly cached: number;
  readonly failed: number;
  readonly skipped: number;
  readonly issues: readonly Issue[];
  readonly fatal: boolean;
  readonly seconds: number;
  /** Where the time went, when the run got as far as writing its outputs. */
  readonly phases?: RunPhases;
}

/**
 * Seconds of a run's phases: `setup` until scoring began (lexicons, finding documents, the lock
 * and the store); `scoring` until every document had settled, of which `firstDocument` until the
 * first one had (worker threads starting; absent when there were no documents); `writing` the
 * rest (the index of stored results and the outputs).
 */
export interface RunPhases {
  readonly setup: number;
  readonly firstDocument?: number;
  readonly scoring: number;
  readonly writing: number;
}

/** A phase of a run and, while scoring, its progress. */
export type RunEvent = { readonly phase: 'find' | 'write' | 'done'; readonly files?: number } | ({ readonly phase: 'score' } & ScoreProgress);

/** Per-run choices from the command line; the pipeline file gives the rest. */
export interface RunOverrides {
  readonly corpus?: string;
  readonly output?: string;
  /** Worker threads (0 = one per core); overrides the pipeline's `concurrency`. */
  readonly concurrency?: number;
  /** Recompute every document, ignoring stored results. */
  readonly isForced?: boolean;
  readonly shard?: Shard;
  /** Seconds to wait for another run's lock before giving up. Default 0. */
  readonly waitSeconds?: number;
  readonly csv?: CsvSettings;
  /** Override the pipeline's `format` (scores.csv layout). */
  readonly layout?: 'wide' | 'long';
  /** Override the pipeline's `segments`. */
  readonly segments?: 'none' | SegmentKind;
  /** Also write report.html (the pipeline's `report: true` does too). */
  readonly hasReport?: boolean;
  readonly onEvent?: (event: RunEvent) => void;
}

/** Folder under the output folder that holds the run state (lock, stored results). */
export const STATE_DIR = RUN_STATE_FOLDER;
/** What is kept in the state folder between runs about the lexicons: file, how to add it, its text, whether to write it again (given how much was added). */
const KEPT = [
  { file: 'lexicons.json', add: addKeptLexicons, text: keptLexicons, isChanged: () => keptLexiconsChanged() },
  { file: 'inflections.json', add: addKeptInflections, text: keptInflections, isChanged: (added: number) => knownInflectionCount() > added },
] as const;

/** Throws for overrides of the wrong kind (arguments a caller got wrong, not problems of the input: the CLI refuses them before a run). */
function checkOverrides({ concurrency, shard, layout, segments, waitSeconds, csv }: RunOverrides): void {
  const wrong = (what: string, value: unknown) => {
    throw new RangeError(`runPipeline: ${what}, got ${JSON.stringify(value)}`);
  };
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 0 && concurrency <= 64)) wrong('concurrency must be a whole number from 0 to 64', concurrency);
  if (shard !== undefined && !(Number.isInteger(shard.index) && Number.isInteger(shard.count) && shard.index >= 1 && shard.index <= shard.count && shard.count <= MAX_SHARDS)) wrong(`shard must be { index, count } with 1 <= index <= count <= ${MAX_SHARDS}`, shard);
  if (layout !== undefined && layout !== 'wide' && layout !== 'long') wrong('layout must be "wide" or "long"', layout);
  if (segments !== undefined && !['none', 'sentence', 'paragraph'].includes(segments)) wrong('segments must be "none", "sentence" or "paragraph"', segments);
  if (waitSeconds !== undefined && !(waitSeconds >= 0)) wrong('waitSeconds must be a number of seconds', waitSeconds);
  // As the CLI's --delimiter, --decimal and --excel allow them (spread DEFAULT_CSV_SETTINGS under a partial one).
  if (csv !== undefined && !(typeof csv === 'object' && [',', ';', '|', '\t'].includes(csv.delimiter) && (csv.decimal === '.' || (csv.decimal === ',' && csv.delimiter !== ',')) && (csv.recordDelimiter === '\n' || csv.recordDelimiter === '\r\n') && typeof csv.hasBom === 'boolean')) {
    wrong('csv must be { delimiter: "," | ";" | "|" | "\\t", decimal: "." | "," (not with delimiter ","), recordDelimiter: "\\n" | "\\r\\n", hasBom: boolean }', csv);
  }
}

/** Every file a run can write into its output folder, in the order a run lists them. */
const RUN_OUTPUTS = ['scores.csv', 'matches.csv', 'segments.csv', 'errors.csv', 'manifest.json', REPORT_FILE];

/**
 * Run a pipeline: score the corpus (reusing stored results of unchanged documents) and write
 * scores.csv, matches.csv, errors.csv and manifest.json, each atomically. One run at a time
 * per output folder (a lock with stale-lock recovery).
 */
export async function runPipeline(config: RunConfig, overrides: RunOverrides = {}): Promise<RunSummary> {
  checkOverrides(overrides);
  const started = new Date();
  const startedAt = performance.now();
  const secondsSince = (from: number, to = performance.now()) => (to - from) / 1000;
  const corpus = overrides.corpus ?? config.corpus;
  const outputDir = overrides.output ?? config.output;
  const summary = { outputDir, scored: 0, cached: 0, failed: 0, skipped: 0 };
  const fatal = (issues: readonly Issue[]): RunSummary => ({ ...summary, issues, fatal: true, seconds: secondsSince(startedAt) });
  const stateDir = join(outputDir, STATE_DIR);
  // What the last run worked out about the lexicons: unchanged ones compile without being parsed
  // again, and without loading compromise for their inflections.
  const keptRead = await Promise.all(KEPT.map(async (kept) => kept.add(await readFile(join(stateDir, kept.file), 'utf8').catch(() => ''))));
  // The corpus is listed while the lexicons compile (its reads wait on the disk meanwhile). An
  // output folder within the corpus, and every file a run writes (also where the output folder is the corpus folder), are never documents.
  const finding = findDocuments(corpus, config.options.extensions, config.options.exclude, [outputDir, ...RUN_OUTPUTS.map((name) => join(outputDir, name))], config.options.include);
  const { scorer, issues: lexiconIssues } = await loadScorer(config.lexicons, config.options.tokeniser);
  if (!scorer) return fatal(lexiconIssues);
  overrides.onEvent?.({ phase: 'find' });
  const found = await finding;
  // A corpus folder that cannot be listed is not an empty corpus: the outputs and stored results are left as they are.
  if (!found.isListed) return fatal([...lexiconIssues, ...found.issues]);
  // Nor is a file one: its run would drop every stored result of the folder's documents.
  if ((await stat(corpus).catch(() => undefined))?.isDirectory() === false) return fatal([...lexiconIssues, makeIssue('PATH_NOT_FOUND', corpus, 'not a folder: a run scores a folder of documents (hsframe score scores single files)', { stage: 'ingest' })]);
  const inShard = (id: string) => !overrides.shard || isInShard(id, overrides.shard);
  const files = found.files.filter((file) => inShard(file.id));
  // Which files the corpus folder held, all shards' (their ids): shards merged must have seen the same.
  const listingSha256 = createHash('sha256').update(found.files.map((file) => file.id).join('\n')).digest('hex');
  const findIssues = found.issues.filter((issue) => inShard(issue.file));
  let lock: RunLock;
  try {
    makeDirs(stateDir);
    lock = await acquireLock(join(stateDir, LOCK_FILE), overrides.waitSeconds ?? 0);
  } catch (error) {
    const message = error instanceof LockBusyError ? error.message : `cannot use the output folder: ${reasonOf(error)}`;
    // The path that failed, when the system names it (the state folder, its lock), else the output folder.
    const where = error instanceof LockBusyError ? outputDir : ((error as NodeJS.ErrnoException).path ?? outputDir);
    return fatal([...lexiconIssues, makeIssue(error instanceof LockBusyError ? 'RUN_LOCKED' : 'OUTPUT_WRITE_FAILED', where, message, { stage: 'output' })]);
  }
  try {
    await removeTempFiles(outputDir);
    const segmentOption = overrides.segments ?? config.options.segments;
    const segments = segmentOption === 'none' ? undefined : segmentOption;
    const layout = overrides.layout ?? config.options.format;
    const runKey = runKeyOf(scorer, segments);
    const store = await FragmentStore.open(stateDir, runKey, { isReused: !overrides.isForced, isExact: !overrides.shard });
    const ingest = { extensions: config.options.extensions, maxFileBytes: config.options.max_file_bytes };
    overrides.onEvent?.({ phase: 'score', done: 0, total: files.length, cached: 0, failed: 0, bytes: 0 });
    // With a core to spare, the tables are written while documents are scored, from the first one
    // scored now (a re-run that reuses every result leaves them to the end, which finds them
    // unchanged). With every core scoring, that would slow the scoring as much as it saves.
    const concurrency = overrides.concurrency ?? config.options.concurrency;
    const hasSpareCore = concurrency > 0 && concurrency < availableParallelism();
    const tables = new OrderedTables({ dir: outputDir, stateDir, runKey, scorer, store, csv: overrides.csv, layout, segments }, files.length);
    const scoringAt = performance.now();
    let firstAt: number | undefined;
    let settledAt = scoringAt;
    let scored: FilesScored;
    try {
      scored = await scoreFiles(files, {
        scorer,
        ingest,
        concurrency,
        store,
        maxSecondsPerDocument: config.options.max_seconds_per_document,
        isForced: overrides.isForced,
        // Rows are read back from the store when the tables are written: memory stays flat.
        keepRows: false,
        segments,
        onProgress: (progress) => overrides.onEvent?.({ phase: 'score', ...progress }),
        onSettled: (index, doc, isScored) => {
          firstAt ??= performance.now();
          tables.settle(index, doc);
          if (isScored && hasSpareCore) tables.start();
        },
      });
      settledAt = performance.now();
      // The stored results of documents in folders that could not be listed are kept, not pruned as if their files were gone.
      const kept = store.keepUnder(found.unlisted);
      await store.prune([...scored.ids, ...kept]);
      await store.saveIndex();
      // Only a speed-up, like the index: a run that cannot keep them works them out again next time.
      for (const [index, kept] of KEPT.entries()) if (kept.isChanged(keptRead[index])) await writeFileAtomic(join(stateDir, kept.file), kept.text()).catch(() => undefined);
    } catch (error) {
      // Reading is never fatal (bad files become issues); this is the state folder failing.
      await tables.abort();
      await store.discardIndex();
      return fatal([...lexiconIssues, writeFailure(stateDir, error)]);
    }
    // A corpus with no document is written as one (header-only tables), with a warning to say so.
    const { include, exclude } = config.options;
    const selection = `${include.length > 0 ? `, included by ${include.join(', ')}` : ''}${exclude.length > 0 ? `, not excluded by ${exclude.join(', ')}` : ''}`;
    const empty = found.files.length === 0 ? [makeIssue('CORPUS_EMPTY', corpus, `no documents found: no file named *${config.options.extensions.join(', *')}${selection}`, { stage: 'ingest' })] : [];
    let issues = [...lexiconIssues, ...findIssues, ...empty, ...scored.issues];
    Object.assign(summary, { scored: scored.scored, cached: scored.cached, failed: scored.failed + findIssues.filter((issue) => issue.severity === 'error').length, skipped: scored.skipped });
    const hasReport = overrides.hasReport || config.options.report;
    const outputFiles = RUN_OUTPUTS.filter((name) => (name !== 'segments.csv' || segments) && (name !== REPORT_FILE || hasReport));
    const manifestOf = (finished: Date) => ({
      tool: TOOL,
      node: process.version,
      pipeline: { name: config.name, file: config.file },
      options: { ...config.options, concurrency, report: hasReport, format: layout, segments: segmentOption, force: overrides.isForced ?? false, shard: overrides.shard ? `${overrides.shard.index}/${overrides.shard.count}` : null },
      csv: overrides.csv ?? null,
      lexicons: scorer.lexicons.map((lexicon) => ({ id: lexicon.id, version: lexicon.version, sha256: lexicon.sha256, file: lexicon.file, entries: lexicon.entryCount })),
      run_key: runKey,
      corpus: { path: corpus, files: files.length, bytes: scored.bytes, listing_sha256: listingSha256 },
      counts: { scored: summary.scored, cached: summary.cached, failed: summary.failed, skipped: summary.skipped },
      started_at: started.toISOString(),
      finished_at: finished.toISOString(),
      outputs: outputFiles,
    });
    overrides.onEvent?.({ phase: 'write' });
    const writeAll = async (tablesBegun: OrderedTables | undefined) => {
      const { digest } = await writeOutputs({ dir: outputDir, stateDir, scorer, scored, store, issues, manifest: manifestOf(new Date()), files: outputFiles, csv: overrides.csv, layout, segments, runKey, tables: tablesBegun });
      if (!hasReport) return;
      const info = { name: config.name, lexiconVersion: scorer.lexiconVersion, categories: scorer.categories.map((category) => category.id) };
      // A report made from the same rows, under the same name, and still as written is left in place (with the time it was made).
      const reportDigest = createHash('sha256').update(JSON.stringify([digest, info])).digest('hex');
      if (await isOutputCurrent(stateDir, outputDir, REPORT_FILE, reportDigest)) return;
      const reportRows: ReportRow[] = [];
      for await (const rows of storedScoreRows(store, scored)) reportRows.push(...reportRowsFromScores(rows));
      await writeReport(outputDir, reportRows, info);
      await saveOutputState(stateDir, outputDir, REPORT_FILE, reportDigest);
    };
    try {
      try {
        await writeAll(tables);
      } catch (error) {
        if (!(error instanceof StoredResultsLost)) throw error;
        // The state folder lost stored results that its index lists (changed outside a run): score those documents again, then write everything again.
        const lost = new Set(error.ids);
        const lostFiles = files.filter((file) => lost.has(file.id));
        // A store that reuses nothing and leaves no index: the index on disk, which lists the lost results, is removed, and the next run reads the packs themselves.
        // It moves no record: the pass's store still reads the others where they are.
        const repairStore = await FragmentStore.open(stateDir, runKey, { isReused: false, isExact: false, isCompacting: false });
        const again = await scoreFiles(lostFiles, { scorer, ingest, concurrency: 1, store: repairStore, isForced: true, keepRows: false, segments });
        await repairStore.discardIndex();
        // The tables read the results stored again through the pass's store.
        store.adopt(repairStore);
        scored = {
          ...scored,
          ids: scored.ids.filter((id) => !lost.has(id) || again.contentHashes.has(id)),
          contentHashes: new Map([...scored.contentHashes, ...again.contentHashes]),
          scored: scored.scored + again.scored,
          // A lost result of a document in another language was counted as skipped, not reused, and is skipped again.
          cached: scored.cached - (lostFiles.length - again.skipped),
          failed: scored.failed + again.failed,
        };
        const lostIssues = lostFiles.map((file) => makeIssue('STORED_RESULT_LOST', file.id, 'its stored results in the output folder\'s .hsframe were missing or unreadable (changed outside a run): scored again', { stage: 'output' }));
        // The lost documents' issues as stored give way to those of their scoring again.
        const storedIssues = new Set(scored.issues);
        issues = [...issues.filter((issue) => !lost.has(issue.file) || !storedIssues.has(issue)), ...lostIssues, ...again.issues];
        Object.assign(summary, { scored: scored.scored, cached: scored.cached, failed: summary.failed + again.failed });
        await writeAll(undefined);
      }
    } catch (error) {
      return fatal([...issues, writeFailure(outputDir, error)]);
    }
    overrides.onEvent?.({ phase: 'done' });
    const endedAt = performance.now();
    const phases = { setup: secondsSince(startedAt, scoringAt), firstDocument: firstAt === undefined ? undefined : secondsSince(scoringAt, firstAt), scoring: secondsSince(scoringAt, settledAt), writing: secondsSince(settledAt, endedAt) };
    return { ...summary, issues, fatal: false, seconds: secondsSince(startedAt, endedAt), phases };
  } finally {
    await lock.release();
  }
}

function writeFailure(dir: string, error: unknown): Issue {
  return makeIssue('OUTPUT_WRITE_FAILED', dir, `cannot write: ${reasonOf(error)}; previous outputs are left as they were`, { stage: 'output' });
}

/** What stored results depend on: tool version, tokeniser, each lexicon's bytes, and whether segments are kept. */
function runKeyOf(scorer: Scorer, segments: SegmentKind | undefined): string {
  const parts = { tool: TOOL.version, tokeniser: scorer.tokeniser, lexicons: scorer.lexicons.map((lexicon) => lexicon.sha256), segments: segments ?? null };
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
