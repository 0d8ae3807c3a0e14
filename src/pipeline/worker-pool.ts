import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompiledLexicon } from '../document.js';
import type { LexiconOrigin, LexiconSpec } from '../lexicon/index.js';
import type { DocumentFile, FileStamp, IngestSettings } from '../ingest/index.js';
import type { TokeniseSettings } from '../tokenise/index.js';
import { makeIssue } from '../issues.js';
import type { SegmentKind } from '../output/index.js';
import { PACKAGE_ROOT } from './package-info.js';
import type { Location, StoredRecord, StoreTarget } from './fragment-store.js';
import { NO_CSV, type DocOutcome } from './score-bytes.js';

/** What each worker needs to build its own scorer, and where it stores results (if anywhere). */
export interface WorkerInit {
  /** The lexicons the main thread loaded and checked (`workerLexicons`): each worker compiles its own matchers from them (never rereads the files, which may have changed since). */
  readonly lexicons: readonly { readonly spec: LexiconSpec; readonly origin: LexiconOrigin }[];
  readonly tokeniser: TokeniseSettings['tokeniser'];
  readonly segments?: SegmentKind;
  /** Make each document's rows of matches.csv (`ScoreBytesOptions.hasMatches`). */
  readonly hasMatches?: boolean;
  readonly store?: StoreTarget;
  /** The inflections the main thread worked out when it compiled the lexicons: workers need not work them out again. */
  readonly inflections?: Readonly<Record<string, readonly string[]>>;
  /** How workers read the files of tasks that bring no bytes. */
  readonly ingest: IngestSettings;
  /** Bytes of rows a worker holds in unsent answers before it sends them (default `MAX_HELD_ANSWER_BYTES`). */
  readonly maxHeldAnswerBytes?: number;
  /** Seconds a worker may take over a batch of documents before it is stopped (`WorkerPool`); 0 or none: no limit. */
  readonly maxSecondsPerDocument?: number;
}

/** The default of `WorkerInit.maxSecondsPerDocument` (a pipeline's `max_seconds_per_document`): far more than any document a reader can read takes. */
export const DEFAULT_MAX_SECONDS_PER_DOCUMENT = 600;

/** Compiled lexicons as a worker receives them: what each was compiled from. */
export function workerLexicons(lexicons: readonly CompiledLexicon[]): WorkerInit['lexicons'] {
  return lexicons.map((lexicon) => ({ spec: lexicon.spec, origin: { file: lexicon.file, sha256: lexicon.sha256 } }));
}

/** The bytes of a document read already, and their sha256; the buffer is copied to the worker (it may be sent again if the worker crashes). */
export interface TaskInput {
  readonly sha256: string;
  readonly bytes: ArrayBuffer;
}

/** One document sent to a worker: its bytes, or else only its path, and the worker reads the file. */
export interface WorkerTask {
  readonly task: number;
  readonly id: string;
  readonly path: string;
  /** The path's bytes, when a name in it is not UTF-8 (`DocumentFile.rawPath`; a Buffer arrives as a Uint8Array). */
  readonly rawPath?: Uint8Array;
  readonly input?: TaskInput;
  /** The file's size and modification time, stored with the result; `take`: the worker takes them as it reads the file. */
  readonly stamp?: FileStamp | 'take';
  /** Where the last finished pass kept this document's result: a result made again as it was is not written again (`storeResult`). */
  readonly previous?: Location;
}

/**
 * A worker's answer. With a store, the worker has stored the result (its rows of the tables
 * stay there, not in the answer) and `stored` is its line for the store's index; or storing
 * failed, and `storeError` says why.
 */
export interface WorkerOutcome {
  readonly outcome: DocOutcome;
  readonly stored?: StoredRecord;
  readonly storeError?: { readonly code?: string; readonly message: string };
  /** Bytes of the document scored (0 when it could not be read, or its worker crashed). */
  readonly bytesRead: number;
}

/** A worker's answer as sent: a stored result comes as its stored line only. */
export type WorkerAnswer = Omit<WorkerOutcome, 'outcome'> & { readonly outcome?: DocOutcome };

/** What the pool sends a worker: a batch of documents, scored in order. */
export interface WorkerBatch {
  readonly tasks: readonly WorkerTask[];
}

/** A worker's answer to the task numbered `task`. */
export type TaskAnswer = WorkerAnswer & { readonly task: number };

/** What a worker sends back: it is ready, or answers, in the order of its tasks: a batch's all at once, or in parts when they hold many rows (`MAX_HELD_ANSWER_BYTES`). */
export type WorkerMessage = { readonly ready: true } | { readonly answers: readonly TaskAnswer[] };

/**
 * Heap cap of each worker (MB): V8 then collects garbage before the heap grows, so memory stays
 * flat over a long run. A document too big for it fails alone (reported), and the worker restarts.
 */
const WORKER_HEAP_MB = 512;

/** The worker script, from the build (workers cannot load TypeScript sources). */
const WORKER_SCRIPT = join(PACKAGE_ROOT, 'dist/pipeline/score-worker.js');

interface Pending {
  readonly task: WorkerTask;
  readonly resolve: (outcome: WorkerOutcome) => void;
  /** Sent in a batch of its own: its batch's worker crashed, and a crash must be laid to one document. */
  readonly isAlone?: boolean;
}

interface Slot {
  readonly worker: Worker;
  /** Batches sent to the worker, in the order it works through them (the first is in progress). */
  readonly pending: Pending[][];
  /** Documents of the first batch answered so far. */
  answered: number;
  /** Stops the worker when the batch in progress takes longer than the time limit (`WorkerInit.maxSecondsPerDocument`). */
  timer?: NodeJS.Timeout;
  /** The worker was stopped for taking too long. */
  isTimedOut?: boolean;
}

/**
 * Batches sent to a worker ahead of its answers: the next is already waiting in the worker when
 * it finishes one, so it never idles while this thread is busy with answers.
 */
const BATCHES_PER_WORKER = 2;

/**
 * Documents sent to a worker in one message, at most; their answers come back in one message
 * too. Each message wakes the thread it goes to, which on a busy machine takes a core from a
 * worker: with a document a message, a run switched threads two to three times as often
 * (BENCHMARKS.md, round 32).
 */
const BATCH_SIZE = 8;

/**
 * Bytes of rows (of matches.csv and segments.csv) a worker holds in answers not yet sent; past
 * this it sends those it has before the batch is done. A result carries its rows only when the
 * pool has no store (with one, the rows stay in the store).
 */
export const MAX_HELD_ANSWER_BYTES = 16_000_000;

/** Documents a pool can be working on at once (its queue is best kept this full). */
export function documentsInFlight(workers: number): number {
  return workers * BATCHES_PER_WORKER * BATCH_SIZE;
}

/**
 * A fixed pool of worker threads for tokenise + classify. Each works through batches of
 * documents, one document at a time; a crashed worker is replaced, and fails only the document
 * it was on: the documents of its batch not yet answered are sent again one by one, and one
 * that crashes a worker alone fails. A worker that takes longer than the time limit over a batch
 * (a document that makes a reader loop) is stopped as if it had crashed: a document alone in its
 * batch that does fails with `FILE_TOO_SLOW`, and the run goes on.
 */
export class WorkerPool {
  private readonly queue: Pending[] = [];
  private readonly slots: Slot[] = [];
  /** Workers started and not yet ready: `close` must stop them too, or a replacement started just before it would keep the process alive. */
  private readonly starting = new Set<Worker>();
  private nextTask = 0;
  private isClosed = false;

  private constructor(
    private readonly init: WorkerInit,
    private readonly script: string,
  ) {}

  /** True when the built worker script exists (it does after `npm ci` or `npm run build`). */
  static isAvailable(): boolean {
    return existsSync(WORKER_SCRIPT);
  }

  /** Start `size` workers and wait until each has compiled its lexicons. `script` replaces the worker script (tests). */
  static async create(size: number, init: WorkerInit, script: string = WORKER_SCRIPT): Promise<WorkerPool> {
    const pool = new WorkerPool(init, script);
    await Promise.all(Array.from({ length: size }, () => pool.spawn()));
    return pool;
  }

  /**
   * Score one document in a worker (which stores the result, if the pool has a store): the bytes
   * read already, or else the worker reads the file.
   */
  score({ id, path, rawPath }: DocumentFile, read: { sha256: string; bytes: Uint8Array } | undefined, stamp?: FileStamp | 'take', previous?: Location): Promise<WorkerOutcome> {
    // The document's bytes as a buffer of their own (a worker receives a copy).
    const owned = read && (read.bytes.byteOffset === 0 && read.bytes.byteLength === read.bytes.buffer.byteLength ? read.bytes : read.bytes.slice());
    const input = read && { sha256: read.sha256, bytes: owned!.buffer as ArrayBuffer };
    const task: WorkerTask = { task: this.nextTask++, id, path, rawPath, input, stamp, previous };
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.dispatch();
    });
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    this.isClosed = true;
    for (const slot of this.slots) this.clearTimer(slot);
    await Promise.all([...this.slots.map((slot) => slot.worker), ...this.starting].map((worker) => worker.terminate()));
    this.slots.length = 0;
    this.starting.clear();
  }

  private spawn(): Promise<void> {
    return new Promise((ready, fail) => {
      const slot: Slot = { worker: new Worker(this.script, { workerData: this.init, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }), pending: [], answered: 0 };
      this.starting.add(slot.worker);
      let isReady = false;
      let crash: Error | undefined;
      slot.worker.on('message', (message: WorkerMessage) => {
        this.clearTimer(slot);
        if ('ready' in message) {
          isReady = true;
          this.starting.delete(slot.worker);
          if (this.isClosed) return void slot.worker.terminate().then(() => ready());
          this.slots.push(slot);
          ready();
        } else {
          for (const { task, outcome, stored, storeError, bytesRead } of message.answers) {
            const batch = slot.pending[0];
            if (batch?.[slot.answered].task.task !== task) break;
            batch[slot.answered].resolve({ outcome: outcome ?? { result: { ...stored!.header.result, matchesCsv: NO_CSV } }, stored, storeError, bytesRead: bytesRead ?? 0 });
            slot.answered += 1;
            if (slot.answered === batch.length) {
              slot.pending.shift();
              slot.answered = 0;
            }
          }
        }
        this.dispatch();
      });
      // A crash is handled when the worker has exited: by then every answer it sent before the
      // crash has arrived (the error can overtake them), so a document already answered is not
      // taken for the one the worker crashed on.
      slot.worker.on('error', (error) => {
        crash = error;
      });
      slot.worker.on('exit', (code) => {
        this.starting.delete(slot.worker);
        const error = crash ?? new Error(`worker exited with code ${code}`);
        if (!isReady) return fail(error);
        if (this.isClosed) return;
        this.slots.splice(this.slots.indexOf(slot), 1);
        // The batches sent after the one in progress go back to the queue; so do the documents of
        // the one in progress not yet answered, each to be sent alone, unless there was one: that one failed.
        const [first, ...waiting] = slot.pending;
        const current = first?.slice(slot.answered);
        this.queue.unshift(...(current && current.length > 1 ? current.map((pending) => ({ ...pending, isAlone: true })) : []), ...waiting.flat());
        this.clearTimer(slot);
        if (current && current.length === 1) {
          const { task, resolve } = current[0];
          const isMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
          const issue = slot.isTimedOut
            ? makeIssue('FILE_TOO_SLOW', task.id, `scoring it took longer than ${this.init.maxSecondsPerDocument} s (max_seconds_per_document); it was stopped, and the other documents are scored`, { stage: 'tokenise' })
            : makeIssue(isMemory ? 'FILE_TOO_LARGE' : 'INTERNAL_ERROR', task.id, isMemory ? `document needs more memory than a worker may use (${WORKER_HEAP_MB} MB); split it into smaller files` : `worker crashed on this document: ${error.message}`, { stage: 'tokenise' });
          resolve({ outcome: { issue }, bytesRead: 0 });
        }
        this.spawn().then(
          () => this.dispatch(),
          (startError: Error) => this.failQueued(startError),
        );
      });
    });
  }

  /** With no worker left and none starting, fail the queued documents rather than leave them waiting for ever. */
  private failQueued(error: Error): void {
    if (this.isClosed || this.slots.length > 0 || this.starting.size > 0) return;
    for (const { task, resolve } of this.queue.splice(0)) {
      resolve({ outcome: { issue: makeIssue('INTERNAL_ERROR', task.id, `no worker could be started to score this document: ${error.message}`, { stage: 'tokenise' }) }, bytesRead: 0 });
    }
  }

  private dispatch(): void {
    // Every idle worker first; then one more batch each.
    for (let depth = 0; depth < BATCHES_PER_WORKER; depth++) {
      for (const slot of this.slots) {
        if (slot.pending.length !== depth || this.queue.length === 0) continue;
        const batch = this.nextBatch();
        slot.pending.push(batch);
        slot.worker.postMessage({ tasks: batch.map(({ task }) => task) } satisfies WorkerBatch);
      }
    }
    for (const slot of this.slots) this.startTimer(slot);
  }

  /** Time the worker's batch in progress, from now (an answer is progress), unless it is timed already or idle. */
  private startTimer(slot: Slot): void {
    const limit = this.init.maxSecondsPerDocument ?? 0;
    if (limit <= 0 || slot.timer || slot.pending.length === 0) return;
    slot.timer = setTimeout(() => {
      slot.isTimedOut = true;
      void slot.worker.terminate();
    }, limit * 1000);
    // The workers keep the process alive while they work; the timer alone does not.
    slot.timer.unref();
  }

  private clearTimer(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
  }

  /** The next batch from the queue: up to `BATCH_SIZE` documents, or one to be sent alone. */
  private nextBatch(): Pending[] {
    if (this.queue[0].isAlone) return [this.queue.shift()!];
    let size = 1;
    while (size < BATCH_SIZE && size < this.queue.length && !this.queue[size].isAlone) size += 1;
    return this.queue.splice(0, size);
  }
}
