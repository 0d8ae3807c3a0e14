import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Issue, ScoreRow } from '../document.js';
import { knownInflections } from '../lexicon/index.js';
import { contentHash, fsPathOf, isReadByLibrary, readFileBytes, stampOf, type DocumentFile, type FileStamp, type IngestSettings } from '../ingest/index.js';
import type { SegmentKind } from '../output/index.js';
import type { FragmentStore, ReusedResult, StoreTarget } from './fragment-store.js';
import { scoreBytes, type DocOutcome, type DocResult } from './score-bytes.js';
import type { Scorer } from './scorer.js';
import { DEFAULT_MAX_SECONDS_PER_DOCUMENT, documentsInFlight, WorkerPool, workerLexicons } from './worker-pool.js';

/** Progress of a scoring pass, after each document. */
export interface ScoreProgress {
  readonly done: number;
  readonly total: number;
  readonly cached: number;
  readonly failed: number;
  readonly bytes: number;
}

/** How to score a list of files. */
export interface ScoreFilesSettings {
  readonly scorer: Scorer;
  readonly ingest: IngestSettings;
  /** Worker threads for tokenise + classify; 0 = one per core. Output never depends on it. */
  readonly concurrency: number;
  /** Earlier results to reuse, and where to keep new ones. */
  readonly store?: FragmentStore;
  /**
   * Keep each document's row of scores in memory (the default). With a store, `false` leaves
   * them there, to be read back in batches (`FragmentStore.readRows`): memory then holds only
   * ids and content hashes, however large the corpus.
   */
  readonly keepRows?: boolean;
  /** Ignore stored results. */
  readonly isForced?: boolean;
  readonly onProgress?: (progress: ScoreProgress) => void;
  /** Also score each sentence or paragraph (kept in the store, for segments.csv). */
  readonly segments?: SegmentKind;
  /** Seconds a worker thread may take over a document before it is stopped and the document fails (`FILE_TOO_SLOW`); 0: no limit; default `DEFAULT_MAX_SECONDS_PER_DOCUMENT`. */
  readonly maxSecondsPerDocument?: number;
  /** Make each document's rows of matches.csv (the default); false when nothing reads them (results then carry none); never false with a store, whose results later runs write matches.csv from. */
  readonly hasMatches?: boolean;
  /** Sees each result once, scored or reused (e.g. to collect matches: without a store, a scored result carries its rows of matches.csv). */
  readonly onResult?: (result: DocResult) => void;
  /**
   * Sees each file once it has settled, by its index in `files`: its id and content hash when
   * it has results (`isScored` when they were made now, not reused), else undefined (it failed).
   */
  readonly onSettled?: (index: number, doc: { readonly id: string; readonly sha256: string } | undefined, isScored: boolean) => void;
}

/** Rows and issues of every file, in id order; matches stay in the store. */
export interface FilesScored {
  /** Rows in id order; empty when `keepRows` was false. */
  readonly rows: ScoreRow[];
  readonly issues: Issue[];
  /** Ids with a row (scored now or reused), in id order. */
  readonly ids: string[];
  readonly contentHashes: Map<string, string>;
  readonly scored: number;
  readonly cached: number;
  readonly failed: number;
  readonly skipped: number;
  readonly bytes: number;
}

/** Files read in this thread (to tell a touched file's content unchanged) that may wait for a worker at once: their bytes are held meanwhile. */
const HELD_READS = 8;

/** Bytes to score before each extra worker thread pays for its start-up (~0.5 s). */
const BYTES_PER_EXTRA_THREAD = 2_000_000;

/** A pool of `size` workers that score as `settings` say, each result with its rows of matches.csv when `hasMatches`, stored in `store` when there is one. */
function startPool(size: number, settings: ScoreFilesSettings, hasMatches: boolean | undefined, store: StoreTarget | undefined, limit: number): Promise<WorkerPool> {
  // Workers are handed this thread's inflections: those of every lexicon, even one kept from an earlier run that has not needed them yet.
  for (const lexicon of settings.scorer.lexicons) lexicon.prepare();
  const { scorer, segments, ingest } = settings;
  return WorkerPool.create(size, { lexicons: workerLexicons(scorer.lexicons), tokeniser: scorer.tokeniser, segments, hasMatches, store, inflections: knownInflections(), ingest, maxSecondsPerDocument: limit });
}

/** True when a file of this path is scored in a worker thread, which a time limit of `limit` seconds (0: none) can stop, whatever the size of the job: a PDF or `.docx`, read by a library that a crafted file could make loop. */
export function needsStopping(path: string, limit: number): boolean {
  // The name first: asking whether the worker script exists is a file-system call, made only for a PDF or .docx.
  return limit > 0 && isReadByLibrary(path) && WorkerPool.isAvailable();
}

/**
 * Score bytes read elsewhere (standard input) as `scoreFiles` scores a file of that name: a PDF
 * or `.docx` in a worker thread, which the time limit can stop; anything else in this thread.
 */
export async function scoreInput(bytes: Uint8Array, file: DocumentFile, settings: Omit<ScoreFilesSettings, 'concurrency' | 'store'>): Promise<DocOutcome> {
  const limit = settings.maxSecondsPerDocument ?? DEFAULT_MAX_SECONDS_PER_DOCUMENT;
  const sha256 = contentHash(bytes);
  if (!needsStopping(file.path, limit)) return scoreBytes(settings.scorer, bytes, file, sha256, { segments: settings.segments, hasMatches: settings.hasMatches });
  const pool = await startPool(1, { ...settings, concurrency: 1 }, settings.hasMatches, undefined, limit);
  try {
    return (await pool.score(file, { sha256, bytes })).outcome;
  } finally {
    await pool.close();
  }
}

/**
 * Read, hash and score files: scoring runs in a pool of worker threads (or in this thread for
 * small jobs), and a worker reads the files it scores; results are reused from the store when
 * content, lexicons and options are unchanged (`mapBounded` bounds the files in flight, S17).
 * Results are collected in id order.
 */
export async function scoreFiles(files: readonly DocumentFile[], settings: ScoreFilesSettings): Promise<FilesScored> {
  const threads = settings.concurrency > 0 ? settings.concurrency : availableParallelism();
  const progress = { done: 0, total: files.length, cached: 0, failed: 0, bytes: 0 };
  // Workers start only for jobs big enough to repay their start-up (or, in a first or forced
  // run, when a thread count above one is given); then even one thread scores in a worker, whose
  // heap is capped, so memory stays flat however large the corpus. After a finished run (its
  // index is read) most documents are reused, so that is judged by the documents to score, as
  // they come, whatever the thread count: it is how many workers may score, not how many start.
  const isExplicit = threads > 1 && settings.concurrency > 0;
  const isIncremental = !settings.isForced && settings.store?.hasIndex === true;
  let useWorkers = WorkerPool.isAvailable() && !isIncremental && (isExplicit || (await hasBytes(files, BYTES_PER_EXTRA_THREAD)));
  // A PDF or .docx is scored in a worker however small the job (`needsStopping`): this thread cannot be stopped.
  const limit = settings.maxSecondsPerDocument ?? DEFAULT_MAX_SECONDS_PER_DOCUMENT;
  const isStoppable = (file: DocumentFile) => useWorkers || needsStopping(file.path, limit);
  let bytesToScore = 0;
  let pool: Promise<WorkerPool> | undefined;
  // With a store, workers store their results themselves: the rows of the tables go straight to disk.
  const storeTarget = settings.store?.target;
  // A stored result always has its rows of matches.csv: later runs write the tables from it.
  const hasMatches = storeTarget === undefined ? settings.hasMatches : true;
  const score: ScoreFn = async (file, read, stamp) => {
    if (isIncremental && !useWorkers) {
      bytesToScore += typeof stamp === 'object' ? stamp.size : (read?.bytes.length ?? 0);
      useWorkers = WorkerPool.isAvailable() && bytesToScore >= BYTES_PER_EXTRA_THREAD;
    }
    if (!isStoppable(file)) {
      const input = read ?? (await readInput(file, settings));
      if ('issue' in input) return { outcome: { issue: input.issue }, bytesRead: 0 };
      const outcome = await scoreBytes(settings.scorer, input.bytes, file, input.sha256, { segments: settings.segments, hasMatches });
      if (outcome.result) await settings.store?.write(outcome.result, stamp === 'take' ? input.stamp : stamp);
      return { outcome, bytesRead: input.bytes.length };
    }
    if (!pool) {
      // Started for a small job's PDF and .docx files alone: as many workers as they can use.
      const workers = useWorkers || isIncremental ? files.length : files.filter((candidate) => isReadByLibrary(candidate.path)).length;
      pool = startPool(Math.min(threads, workers), settings, hasMatches, storeTarget, limit);
    }
    const { outcome, stored, storeError, bytesRead } = await (await pool).score(file, read, stamp, settings.store?.previousOf(file.id));
    if (storeError) throw Object.assign(new Error(storeError.message), { code: storeError.code });
    if (stored) settings.store!.noteStored(stored);
    return { outcome, bytesRead };
  };
  const stamper = new Stamper();
  const heldReads = pLimit(HELD_READS);
  try {
    // Enough files in flight to keep the workers' queues full and hide I/O latency (re-runs mostly stat and read small state files).
    const outcomes = await mapBounded(files, Math.max(8, documentsInFlight(threads)), async (file, index) => {
      const outcome = await scoreOne(file, settings, score, progress, stamper, heldReads);
      progress.done += 1;
      if ('issue' in outcome) progress.failed += 1;
      else if (outcome.isCached) progress.cached += 1;
      settings.onProgress?.({ ...progress });
      settings.onSettled?.(index, 'issue' in outcome ? undefined : { id: outcome.id, sha256: outcome.sha256 }, !('issue' in outcome) && !outcome.isCached);
      return outcome;
    });
    return collect(outcomes, progress.bytes);
  } finally {
    if (pool) await (await pool).close();
  }
}

/**
 * One file: reuse its stored result when its size and modification time are unchanged, or
 * else when its content hash is; otherwise read and score it and store the result.
 */
async function scoreOne(file: DocumentFile, settings: ScoreFilesSettings, score: ScoreFn, progress: { bytes: number }, stamper: Stamper, heldReads: LimitFunction): Promise<Kept | { issue: Issue }> {
  const store = settings.isForced ? undefined : settings.store;
  // Taken before reading: if the file changes meanwhile, the next run reads it again. When no
  // stored result can be reused, it is taken where the file is read.
  const stamp = store ? await stamper.stampOf(fsPathOf(file)) : undefined;
  // A file now over the size limit is not reused: it is read, and reported, as in a clean run.
  const found = store && stamp && stamp.size <= settings.ingest.maxFileBytes ? await store.readUnchanged(file.id, stamp) : undefined;
  const reuse = async (reused: ReusedResult, bytes: number) => {
    progress.bytes += bytes;
    if (settings.onResult) settings.onResult(await reused.full());
    return kept(reused, async () => (await reused.full()).row, true, settings);
  };
  const scored = async (read: Input | undefined): Promise<Kept | { issue: Issue }> => {
    const { outcome, bytesRead } = await score(file, read, stamp ?? (settings.store ? 'take' : undefined));
    progress.bytes += bytesRead;
    const { result } = outcome;
    if (!result) return { issue: outcome.issue };
    settings.onResult?.(result);
    return kept(result, () => result.row, false, settings);
  };
  if (found?.result) return reuse(found.result, stamp!.size);
  if (found?.isStored) {
    // Stored, but the file's size or time changed: unchanged content is recognised by its hash.
    // Its bytes are held until scored, so only a few such files are read ahead of the workers.
    return heldReads(async () => {
      const input = await readInput(file, settings);
      if ('issue' in input) return { issue: input.issue };
      const reused = await store!.readByContent(file.id, input.sha256, stamp!);
      return reused ? reuse(reused, input.bytes.length) : scored(input);
    });
  }
  // Otherwise the file is read where it is scored: in a worker thread, when there are workers.
  return scored(undefined);
}

/**
 * `task` of every item, at most `limit` at once, started in order as others finish; results by
 * index. Tasks are not queued all at once: an unchanged re-run of ten thousand files would hold a
 * pending promise and closure for each, which the young generation copies from collection to
 * collection (BENCHMARKS.md). After a task throws, no more are started, and the first error is thrown.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index], index);
      } catch (error) {
        next = items.length;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
  return results;
}

/** Blocking stats whose times are judged together (the last this many). */
const STAT_WINDOW = 32;
/** A blocking stat slower than this (ms) is slow; most of the last `STAT_WINDOW` slow means a slow file system. */
const SLOW_STAT_MS = 0.5;
/** One blocking stat that takes longer than this (ms) is enough to tell. */
const STALLED_STAT_MS = 50;

/**
 * Files' sizes and modification times. On a local disk a blocking `stat` takes a few
 * microseconds, a fifth of the main thread's time that one through the thread pool costs (an
 * unchanged re-run stats every file). When more than half of the last `STAT_WINDOW` took longer
 * than `SLOW_STAT_MS`, or one took longer than `STALLED_STAT_MS` (a network file system), the
 * rest go through the thread pool, where their waits overlap. Most of them, not an average: a
 * busy machine, or a garbage collection that falls inside the call, delays the odd stat by
 * tens of milliseconds, which alone would raise the average past the mark.
 */
export class Stamper {
  private isFast = true;
  /** By slot of the window: 1 when that stat was slow. */
  private readonly slow = new Uint8Array(STAT_WINDOW);
  private count = 0;
  private slowCount = 0;

  constructor(
    private readonly limits = { slowMs: SLOW_STAT_MS, stalledMs: STALLED_STAT_MS },
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** True while files are stat'ed with blocking calls. */
  get isBlocking(): boolean {
    return this.isFast;
  }

  /** The size and modification time of the file at `path`; undefined when it cannot be stat'ed. */
  async stampOf(path: string | Buffer): Promise<FileStamp | undefined> {
    if (!this.isFast) return stat(path).then(stampOf, () => undefined);
    const started = this.now();
    try {
      return stampOf(statSync(path));
    } catch {
      return undefined;
    } finally {
      this.note(this.now() - started);
    }
  }

  private note(ms: number): void {
    const slot = this.count % STAT_WINDOW;
    const isSlow = ms > this.limits.slowMs ? 1 : 0;
    this.slowCount += isSlow - this.slow[slot];
    this.slow[slot] = isSlow;
    this.count += 1;
    if (this.slowCount * 2 > STAT_WINDOW || ms > this.limits.stalledMs) this.isFast = false;
  }
}

/** A file's bytes and their sha256, or the issue that stopped reading it. */
async function readInput(file: DocumentFile, settings: ScoreFilesSettings): Promise<Input | { issue: Issue }> {
  const read = await readFileBytes(fsPathOf(file), file.id, settings.ingest);
  return read.bytes ? { bytes: read.bytes, sha256: contentHash(read.bytes), stamp: read.stamp } : { issue: read.issue };
}

/** A file's bytes, their sha256, and the file's size and modification time when read. */
interface Input {
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly stamp: FileStamp;
}

/** What is kept of a result: matches stay in the store, not in memory, and so do rows when `keepRows` is false. */
async function kept(result: Pick<DocResult, 'id' | 'sha256' | 'issues'>, rowOf: () => ScoreRow | Promise<ScoreRow>, isCached: boolean, settings: ScoreFilesSettings): Promise<Kept> {
  const { id, sha256, issues } = result;
  return { id, sha256, issues, row: settings.keepRows === false && settings.store ? undefined : await rowOf(), isCached };
}

/**
 * Score one file, its bytes read already or else read here, and store the result (if there is a
 * store); a store that cannot be written throws.
 */
type ScoreFn = (file: DocumentFile, read: Input | undefined, stamp: FileStamp | 'take' | undefined) => Promise<{ outcome: DocOutcome; bytesRead: number }>;

/** What is kept of each result while the rest of the corpus is scored. */
interface Kept {
  readonly id: string;
  readonly sha256: string;
  readonly issues: readonly Issue[];
  readonly row?: ScoreRow;
  readonly isCached: boolean;
}

function collect(outcomes: readonly (Kept | { issue: Issue })[], bytes: number): FilesScored {
  const collected = { rows: [] as ScoreRow[], issues: [] as Issue[], ids: [] as string[], contentHashes: new Map<string, string>(), scored: 0, cached: 0, failed: 0, skipped: 0, bytes };
  for (const outcome of outcomes) {
    if ('issue' in outcome) {
      collected.issues.push(outcome.issue);
      collected.failed += 1;
      continue;
    }
    const { id, sha256, issues, row, isCached } = outcome;
    if (row) collected.rows.push(row);
    collected.ids.push(id);
    collected.contentHashes.set(id, sha256);
    collected.issues.push(...issues);
    if (issues.some((issue) => issue.code === 'LANGUAGE_NOT_SCORED')) collected.skipped += 1;
    else if (isCached) collected.cached += 1;
    else collected.scored += 1;
  }
  return collected;
}

/** True when the files hold at least `bytes` bytes (stops counting once they do). */
async function hasBytes(files: readonly DocumentFile[], bytes: number): Promise<boolean> {
  let total = 0;
  for (const file of files) {
    total += await stat(fsPathOf(file)).then((info) => info.size, () => 0);
    if (total >= bytes) return true;
  }
  return false;
}
