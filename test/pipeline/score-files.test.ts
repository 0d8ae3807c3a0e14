import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { DEFAULT_INGEST_SETTINGS, findDocuments } from '../../src/ingest/index.js';
import { FragmentStore } from '../../src/pipeline/fragment-store.js';
import { BUNDLED_LEXICONS, loadScorer } from '../../src/pipeline/index.js';
import { mapBounded, scoreFiles, scoreInput, Stamper } from '../../src/pipeline/score-files.js';
import { WorkerPool } from '../../src/pipeline/worker-pool.js';
import { textOfSize } from './cli-process.js';

const dirs: string[] = [];
const FORMATS = join(import.meta.dirname, '../fixtures/formats');
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('worker threads for a re-run', () => {
  test.skipIf(!WorkerPool.isAvailable())('start only once the documents to score, not the whole corpus, are big enough to repay them, with a thread count given or not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hsframe-threads-'));
    dirs.push(dir);
    const corpus = join(dir, 'corpus');
    await mkdir(corpus);
    await writeFile(join(corpus, 'big.txt'), textOfSize(2_100_000));
    const { scorer } = await loadScorer(BUNDLED_LEXICONS);
    const create = vi.spyOn(WorkerPool, 'create');
    /** Score the corpus with the store of the runs before; how many worker pools it started, and what it scored. */
    const run = async (options: { isForced?: boolean; concurrency?: number } = {}) => {
      create.mockClear();
      const store = await FragmentStore.open(join(dir, 'state'), 'key', { isReused: !options.isForced });
      const { files } = await findDocuments(corpus, ['.txt']);
      const scored = await scoreFiles(files, { scorer: scorer!, ingest: DEFAULT_INGEST_SETTINGS, concurrency: options.concurrency ?? 0, store, isForced: options.isForced });
      await store.saveIndex();
      return { pools: create.mock.calls.length, scored: scored.scored, cached: scored.cached };
    };
    try {
      // A first run: 2.1 MB to score, in a worker.
      expect(await run()).toEqual({ pools: 1, scored: 1, cached: 0 });
      // One small new document: scored here, without starting a worker for it.
      await writeFile(join(corpus, 'small.txt'), textOfSize(2_000));
      expect(await run()).toEqual({ pools: 0, scored: 1, cached: 1 });
      // The same with a thread count given: it is how many may score, not how many start.
      await writeFile(join(corpus, 'small-2.txt'), textOfSize(2_000));
      expect(await run({ concurrency: 2 })).toEqual({ pools: 0, scored: 1, cached: 2 });
      // Enough new text to repay a worker: one starts.
      await writeFile(join(corpus, 'big-2.txt'), textOfSize(2_100_000));
      expect(await run()).toEqual({ pools: 1, scored: 1, cached: 3 });
      await writeFile(join(corpus, 'big-3.txt'), textOfSize(2_100_000));
      expect(await run({ concurrency: 2 })).toEqual({ pools: 1, scored: 1, cached: 4 });
      // Forced: everything is scored again, in workers.
      expect(await run({ isForced: true })).toEqual({ pools: 1, scored: 5, cached: 0 });
    } finally {
      create.mockRestore();
    }
  }, 60_000);
});

describe('file stamps', () => {
  test('blocking and asynchronous stats give the same stamps; once most blocking ones are slow, or one stalls, the rest are asynchronous', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hsframe-stamps-'));
    try {
      const paths = ['a.txt', 'b.txt'].map((name) => join(dir, name));
      await writeFile(paths[0], 'Border control.\n');
      await writeFile(paths[1], 'The human rights of refugees, and their dignity.\n');
      const all = [...paths, join(dir, 'missing.txt')];
      const fast = new Stamper();
      const blocking = await Promise.all(all.map((path) => fast.stampOf(path)));
      expect(fast.isBlocking).toBe(true);
      expect(blocking.map((stamp) => stamp?.size)).toEqual([16, 49, undefined]);
      // One stat that counts as stalled: the first is blocking, the rest go through the thread pool.
      const stalled = new Stamper({ slowMs: 1000, stalledMs: -1 });
      expect(await Promise.all(all.map((path) => stalled.stampOf(path)))).toEqual(blocking);
      expect(stalled.isBlocking).toBe(false);
      // Every stat counts as slow: judged on the last 32, so the first 16 are blocking.
      const slow = new Stamper({ slowMs: -1, stalledMs: 1000 });
      for (let i = 0; i < 16; i++) await slow.stampOf(paths[i % 2]);
      expect(slow.isBlocking).toBe(true);
      expect(await slow.stampOf(paths[0])).toEqual(blocking[0]);
      expect(slow.isBlocking).toBe(false);
      expect(await Promise.all(all.map((path) => slow.stampOf(path)))).toEqual(blocking);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('an odd slow stat (a collection, a busy moment) does not make the rest asynchronous; most of a window slow does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hsframe-stamps-'));
    try {
      const path = join(dir, 'a.txt');
      await writeFile(path, 'Border control.\n');
      // A clock that makes each stat take the next of `times` (ms).
      const clockOf = (times: number[]) => {
        let [clock, isStart] = [0, true];
        return () => {
          if (!isStart) clock += times.shift() ?? 0.01;
          isStart = !isStart;
          return clock;
        };
      };
      // One stat of 20 ms among quick ones: over the old average of 0.5 ms for the window, but not most of it.
      const odd = new Stamper(undefined, clockOf([0.01, 0.01, 20, ...Array(60).fill(0.01)]));
      for (let i = 0; i < 64; i++) await odd.stampOf(path);
      expect(odd.isBlocking).toBe(true);
      // Sixteen slow stats of the last 32 are not most of them; seventeen are.
      const times = [...Array(32).fill(0.01), ...Array(16).fill(2)];
      const half = new Stamper(undefined, clockOf([...times]));
      for (let i = 0; i < times.length; i++) await half.stampOf(path);
      expect(half.isBlocking).toBe(true);
      const most = new Stamper(undefined, clockOf([...times, 2]));
      for (let i = 0; i <= times.length; i++) await most.stampOf(path);
      expect(most.isBlocking).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('files in flight', () => {
  test('every task runs once, at most the limit at once, started in order, results by index', async () => {
    let [running, most] = [0, 0];
    const started: number[] = [];
    const results = await mapBounded(Array.from({ length: 50 }, (_, i) => i), 4, async (item, index) => {
      started.push(index);
      running += 1;
      most = Math.max(most, running);
      // Later items finish first, so results come back out of order.
      await new Promise((resolve) => setTimeout(resolve, (50 - item) % 7));
      running -= 1;
      return item * 2;
    });
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
    expect(started).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(most).toBe(4);
    expect(await mapBounded([], 4, async () => 1)).toEqual([]);
  });

  test('after a task throws, no more are started and the error is thrown', async () => {
    const started: number[] = [];
    const failing = mapBounded(Array.from({ length: 30 }, (_, i) => i), 3, async (item) => {
      started.push(item);
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (item === 5) throw new Error('store full');
      return item;
    });
    await expect(failing).rejects.toThrow('store full');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(Math.max(...started)).toBeLessThan(5 + 3);
  });
});

describe('rows of matches.csv', () => {
  test('are not made when nothing reads them, in this thread and in workers; a store always gets them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hsframe-no-matches-'));
    dirs.push(dir);
    const corpus = join(dir, 'corpus');
    await mkdir(corpus);
    await writeFile(join(corpus, 'a.txt'), 'Refugees have a right to asylum. Border control.\n');
    const { files } = await findDocuments(corpus, ['.txt']);
    const { scorer } = await loadScorer(BUNDLED_LEXICONS);
    const seen = (settings: { concurrency: number; hasMatches?: boolean; store?: FragmentStore }) => {
      const results: string[] = [];
      return scoreFiles(files, { scorer: scorer!, ingest: DEFAULT_INGEST_SETTINGS, keepRows: true, ...settings, onResult: (result) => results.push(Buffer.concat(result.matchesCsv).toString('utf8')) }).then((scored) => ({ rows: scored.rows, results }));
    };
    const made = await seen({ concurrency: 1 });
    expect(made.results[0]).toMatch(/^a\.txt,1,.*asylum/m);
    const concurrencies = WorkerPool.isAvailable() ? [1, 2] : [1];
    for (const concurrency of concurrencies) {
      const left = await seen({ concurrency, hasMatches: false });
      expect(left.results).toEqual(['']);
      expect(left.rows).toEqual(made.rows);
    }
    const store = await FragmentStore.open(join(dir, 'state'), 'key');
    await seen({ concurrency: 1, hasMatches: false, store });
    expect(Buffer.from((await store.readRows('a.txt', made.rows[0].contentSha256))!.matches).toString('utf8')).toBe(made.results[0]);
  });
});

describe('a PDF or .docx in a small job', () => {
  // Their readers are libraries that a crafted file could make loop, and this thread cannot be stopped.
  test.skipIf(!WorkerPool.isAvailable())('is scored in a worker thread, which the time limit stops; a text file is scored in this thread', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hsframe-library-read-'));
    dirs.push(dir);
    const corpus = join(dir, 'corpus');
    await mkdir(corpus);
    await writeFile(join(corpus, 'a.txt'), 'Refugees have a right to asylum. Border control.\n');
    for (const name of ['text.pdf', 'note.docx']) await copyFile(join(FORMATS, name), join(corpus, name));
    const { files } = await findDocuments(corpus, DEFAULT_INGEST_SETTINGS.extensions);
    const { scorer } = await loadScorer(BUNDLED_LEXICONS);
    const score = (maxSecondsPerDocument?: number) => scoreFiles(files, { scorer: scorer!, ingest: DEFAULT_INGEST_SETTINGS, concurrency: 0, keepRows: true, maxSecondsPerDocument });
    const stopped = await score(0.001);
    expect(stopped.issues.map((issue) => [issue.file, issue.code])).toEqual([['note.docx', 'FILE_TOO_SLOW'], ['text.pdf', 'FILE_TOO_SLOW']]);
    expect(stopped.rows.map((row) => row.docId)).toEqual(['a.txt']);
    // Without a limit, all are scored in this thread, as they are in workers.
    const [inWorkers, inThisThread] = [await score(undefined), await score(0)];
    expect(inWorkers.issues).toEqual([]);
    expect(inWorkers.rows.map((row) => row.docId)).toEqual(['a.txt', 'note.docx', 'text.pdf']);
    expect(inThisThread.rows).toEqual(inWorkers.rows);
  });

  test.skipIf(!WorkerPool.isAvailable())('read from standard input is scored in a worker thread too', async () => {
    const { scorer } = await loadScorer(BUNDLED_LEXICONS);
    const bytes = new Uint8Array(await readFile(join(FORMATS, 'text.pdf')));
    const score = (maxSecondsPerDocument?: number) => scoreInput(bytes, { id: 'stdin', path: 'stdin.pdf' }, { scorer: scorer!, ingest: DEFAULT_INGEST_SETTINGS, hasMatches: false, maxSecondsPerDocument });
    expect(await score(0.001)).toMatchObject({ issue: { code: 'FILE_TOO_SLOW', file: 'stdin' } });
    const [inWorker, inThisThread] = [await score(undefined), await score(0)];
    expect(inWorker.result?.row.tokens).toBeGreaterThan(0);
    expect(inThisThread).toEqual(inWorker);
  });
});
