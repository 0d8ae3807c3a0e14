import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import { FragmentStore } from '../../src/pipeline/fragment-store.js';
import { contentHash, DEFAULT_INGEST_SETTINGS, readFileBytes } from '../../src/ingest/index.js';
import { parseLexicon } from '../../src/lexicon/index.js';
import { BUNDLED_LEXICONS, loadScorer } from '../../src/pipeline/index.js';
import { WorkerPool, workerLexicons, type WorkerBatch, type WorkerMessage } from '../../src/pipeline/worker-pool.js';

const script = fileURLToPath(new URL('./fixtures/crash-worker.mjs', import.meta.url));
const bytes = (text: string) => new TextEncoder().encode(text);
/** The bundled lexicons as the main thread hands them to workers. */
async function bundledLexicons() {
  const { scorer } = await loadScorer(BUNDLED_LEXICONS);
  return workerLexicons(scorer!.lexicons);
}

/** Forty documents sent at once, the 22nd of which crashes its worker. */
const FORTY_WITH_A_CRASH = Array.from({ length: 40 }, (_, index) => (index === 21 ? 'crash' : `doc ${index}`));

/**
 * The issues a stand-in worker (`script`) answers for `texts`, sent to one worker at once, after
 * checking that every document was echoed but those that crash it, which failed.
 */
async function echoed(script: string, texts: readonly string[]): Promise<{ code: string; message: string; batch?: number }[]> {
  const pool = await WorkerPool.create(1, { lexicons: [], tokeniser: 'scan.v1', ingest: DEFAULT_INGEST_SETTINGS }, script);
  try {
    const outcomes = await Promise.all(texts.map((text, index) => pool.score({ id: `doc-${index}`, path: `/x/${index}` }, { sha256: 'sha', bytes: bytes(text) })));
    const issues = outcomes.map(({ outcome }) => outcome.issue as { code: string; message: string; batch?: number });
    expect(issues.map((issue) => issue.code)).toEqual(texts.map((text) => (text === 'crash' ? 'INTERNAL_ERROR' : 'ECHO')));
    expect(issues.filter((issue) => issue.code === 'ECHO').map((issue) => issue.message)).toEqual(texts.filter((text) => text !== 'crash'));
    return issues;
  } finally {
    await pool.close();
  }
}

describe('worker pool', () => {
  test('a worker that takes longer than the time limit over a document is stopped: that document alone fails, FILE_TOO_SLOW, and the others are scored', async () => {
    const hang = fileURLToPath(new URL('./fixtures/hang-worker.mjs', import.meta.url));
    const pool = await WorkerPool.create(2, { lexicons: [], tokeniser: 'scan.v1', ingest: DEFAULT_INGEST_SETTINGS, maxSecondsPerDocument: 0.5 }, hang);
    try {
      const texts = ['one', 'two', 'hang', 'three', ...Array.from({ length: 20 }, (_, index) => `doc ${index}`)];
      const outcomes = await Promise.all(texts.map((text, index) => pool.score({ id: `doc-${index}`, path: `/x/${index}` }, { sha256: 'sha', bytes: bytes(text) })));
      const issues = outcomes.map(({ outcome }) => outcome.issue!);
      expect(issues.map((issue) => (issue.code === 'ECHO' ? issue.message : issue.code))).toEqual(texts.map((text) => (text === 'hang' ? 'FILE_TOO_SLOW' : text)));
      expect(issues[2]).toMatchObject({ file: 'doc-2', severity: 'error', message: 'scoring it took longer than 0.5 s (max_seconds_per_document); it was stopped, and the other documents are scored' });
    } finally {
      await pool.close();
    }
  }, 30_000);

  test('a crash fails only its document; documents already sent to the crashed worker are scored by its replacement', async () => {
    const pool = await WorkerPool.create(1, { lexicons: [], tokeniser: 'scan.v1', ingest: DEFAULT_INGEST_SETTINGS }, script);
    try {
      const texts = ['one', 'crash', 'two', 'three', 'crash', 'four'];
      const outcomes = await Promise.all(texts.map((text, index) => pool.score({ id: `doc-${index}`, path: `/x/${index}` }, { sha256: 'sha', bytes: bytes(text) })));
      const messages = outcomes.map(({ outcome }) => ('issue' in outcome ? outcome.issue! : undefined));
      expect(messages.map((issue) => issue?.code)).toEqual(['ECHO', 'INTERNAL_ERROR', 'ECHO', 'ECHO', 'INTERNAL_ERROR', 'ECHO']);
      expect(messages.filter((issue) => issue?.code === 'ECHO').map((issue) => issue!.message)).toEqual(['one', 'two', 'three', 'four']);
      expect(messages[1]!.file).toBe('doc-1');
      expect(messages[1]!.message).toMatch(/worker crashed on this document: boom/);
    } finally {
      await pool.close();
    }
  });

  test('documents go to a worker in batches; after a crash, the documents of its batch go again one by one, and only the crashing one fails', async () => {
    const issues = await echoed(script, FORTY_WITH_A_CRASH);
    const batches = issues.map((issue) => issue.batch ?? 0);
    expect(Math.max(...batches)).toBe(8);
    // The crash was in a batch of several: its seven other documents, all within seven of it, were answered alone by the replacement.
    const alone = batches.flatMap((size, index) => (size === 1 && index > 1 ? [index] : []));
    expect(alone).toHaveLength(7);
    for (const index of alone) expect(Math.abs(index - 21)).toBeLessThan(8);
  });

  test('a batch answered in parts: after a crash, only its documents not yet answered go again, one by one', async () => {
    const issues = await echoed(fileURLToPath(new URL('./fixtures/part-answer-worker.mjs', import.meta.url)), FORTY_WITH_A_CRASH);
    // The documents of the crashed batch answered before the crash were not sent again; those after it were, alone.
    const alone = issues.flatMap((issue, index) => (issue.batch === 1 && index > 1 ? [index] : []));
    expect(alone.length).toBeGreaterThan(0);
    expect(alone.length).toBeLessThan(7);
    for (const index of alone) expect(index > 21 && index < 29).toBe(true);
  });

  test.skipIf(!WorkerPool.isAvailable())('without a store, a worker sends the answers it holds before its batch is done once their rows pass a size', async () => {
    const lexicons = await bundledLexicons();
    const tasks = Array.from({ length: 6 }, (_, index) => ({ task: index, id: `d${index}.txt`, path: `/x/d${index}.txt`, input: { sha256: `sha-${index}`, bytes: bytes(`Refugees ${index} need protection.\n`).buffer } }));
    /** The messages of answers the worker sends for one batch of `tasks`. */
    const messagesFor = async (maxHeldAnswerBytes: number | undefined) => {
      const worker = new Worker(fileURLToPath(new URL('../../dist/pipeline/score-worker.js', import.meta.url)), { workerData: { lexicons, tokeniser: 'scan.v1', ingest: DEFAULT_INGEST_SETTINGS, maxHeldAnswerBytes } });
      try {
        const messages: WorkerMessage[] = [];
        await new Promise<void>((done, fail) => {
          worker.on('error', fail);
          worker.on('message', (message: WorkerMessage) => {
            if ('ready' in message) return void worker.postMessage({ tasks } satisfies WorkerBatch);
            messages.push(message);
            if (messages.flatMap((sent) => ('answers' in sent ? sent.answers : [])).length === tasks.length) done();
          });
        });
        return messages.map((message) => ('answers' in message ? message.answers.map((answer) => answer.task) : []));
      } finally {
        await worker.terminate();
      }
    };
    expect(await messagesFor(undefined)).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(await messagesFor(1)).toEqual([[0], [1], [2], [3], [4], [5]]);
  });

  test.skipIf(!WorkerPool.isAvailable())('answers a worker sends in parts are the answers it sends whole', async () => {
    const lexicons = await bundledLexicons();
    const texts = Array.from({ length: 12 }, (_, index) => `Refugees ${index} need protection from border violence.\n`);
    const score = async (maxHeldAnswerBytes: number | undefined) => {
      const pool = await WorkerPool.create(1, { lexicons, tokeniser: 'scan.v1', ingest: DEFAULT_INGEST_SETTINGS, maxHeldAnswerBytes });
      try {
        return await Promise.all(texts.map((text, index) => pool.score({ id: `d${index}.txt`, path: `/x/d${index}.txt` }, { sha256: `sha-${index}`, bytes: bytes(text) })));
      } finally {
        await pool.close();
      }
    };
    const [whole, parts] = await Promise.all([score(undefined), score(1)]);
    expect(parts.map(({ outcome }) => outcome.result?.id)).toEqual(texts.map((_, index) => `d${index}.txt`));
    expect(parts.map(({ outcome }) => outcome)).toEqual(whole.map(({ outcome }) => outcome));
    expect(parts.every(({ outcome }) => outcome.result!.matchesCsv.length > 0)).toBe(true);
  });

  test('closing the pool also stops a replacement worker that is still starting, so the process can exit', async () => {
    const markers = await mkdtemp(join(tmpdir(), 'hsframe-pool-'));
    try {
      const slow = fileURLToPath(new URL('./fixtures/slow-restart-worker.mjs', import.meta.url));
      const init = { lexicons: [], tokeniser: 'scan.v1', ingest: DEFAULT_INGEST_SETTINGS, markers } as unknown as Parameters<typeof WorkerPool.create>[1];
      const pool = await WorkerPool.create(1, init, slow);
      const { outcome } = await pool.score({ id: 'doc-0', path: '/x/0' }, { sha256: 'sha', bytes: bytes('crash') });
      expect('issue' in outcome && outcome.issue!.code).toBe('INTERNAL_ERROR');
      // The replacement needs 500 ms to be ready; the run ends before that.
      await pool.close();
      await new Promise((wait) => setTimeout(wait, 1000));
      expect((await readdir(markers)).filter((name) => name.startsWith('ready-'))).toEqual([]);
    } finally {
      await rm(markers, { recursive: true, force: true });
    }
  });

  test.skipIf(!WorkerPool.isAvailable())('a worker stores what it scores, rows and all; a store it cannot write is reported, not lost', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hsframe-pool-'));
    const lexicons = await bundledLexicons();
    try {
      const store = await FragmentStore.open(join(dir, 'state'), 'run-key');
      const pool = await WorkerPool.create(1, { lexicons, tokeniser: 'scan.v1', store: store.target, ingest: DEFAULT_INGEST_SETTINGS });
      try {
        const stamp = { size: 30, mtimeMs: 1, ctimeMs: 1, ino: 1 };
        const stored = await pool.score({ id: 'a.txt', path: join(dir, 'a.txt') }, { sha256: 'sha-a', bytes: bytes('Refugees have a right to asylum.\n') }, stamp);
        expect(stored.storeError).toBeUndefined();
        expect(stored.outcome.result?.matchesCsv).toEqual([]);
        expect(stored.stored?.header).toMatchObject({ key: 'run-key', stamp, result: { id: 'a.txt', sha256: 'sha-a' } });
        // Noted by the store (as the run does with each answer), it is read back through it.
        store.noteStored(stored.stored!);
        const rows = await store.readRows('a.txt', 'sha-a');
        expect(new TextDecoder().decode(rows!.matches)).toMatch(/^a\.txt,1,.*asylum/m);
        // A later run finds it by its file's size and modification time (with no index, in the packs).
        const later = await FragmentStore.open(join(dir, 'state'), 'run-key');
        expect(await later.readUnchanged('a.txt', stamp)).toMatchObject({ result: { id: 'a.txt', sha256: 'sha-a' }, isStored: true });
        expect(await later.readUnchanged('a.txt', { size: 31, mtimeMs: 1, ctimeMs: 1, ino: 1 })).toEqual({ isStored: true });
        expect(await later.readUnchanged('none.txt', stamp)).toEqual({ isStored: false });
      } finally {
        await pool.close();
      }
      // A store folder that is a file: the document is scored, and the failure says why.
      await writeFile(join(dir, 'blocked'), '');
      const blocked = await WorkerPool.create(1, { lexicons, tokeniser: 'scan.v1', store: { dir: join(dir, 'blocked'), key: 'run-key', pass: 'p' }, ingest: DEFAULT_INGEST_SETTINGS });
      try {
        const failed = await blocked.score({ id: 'b.txt', path: join(dir, 'b.txt') }, { sha256: 'sha-b', bytes: bytes('Border control.\n') });
        expect(failed.outcome.result?.row.docId).toBe('b.txt');
        expect(failed.storeError?.code).toBe('ENOTDIR');
      } finally {
        await blocked.close();
      }
      expect(await readFile(join(dir, 'blocked'), 'utf8')).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test.skipIf(!WorkerPool.isAvailable())('a task without bytes is read by the worker: the same result as from bytes read here, and a file it cannot read is reported by name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hsframe-pool-'));
    const lexicons = await bundledLexicons();
    const text = 'Border control and the human rights of refugees.\n';
    await writeFile(join(dir, 'a.txt'), text);
    await writeFile(join(dir, 'big.txt'), 'x'.repeat(200));
    const store = await FragmentStore.open(join(dir, 'state'), 'run-key');
    const pool = await WorkerPool.create(1, { lexicons, tokeniser: 'scan.v1', store: store.target, ingest: { ...DEFAULT_INGEST_SETTINGS, maxFileBytes: 100 } });
    try {
      const [read, given, missing, big] = await Promise.all([
        pool.score({ id: 'a.txt', path: join(dir, 'a.txt') }, undefined, 'take'),
        pool.score({ id: 'a.txt', path: join(dir, 'a.txt') }, { sha256: contentHash(bytes(text)), bytes: bytes(text) }),
        pool.score({ id: 'gone.txt', path: join(dir, 'gone.txt') }, undefined),
        pool.score({ id: 'big.txt', path: join(dir, 'big.txt') }, undefined),
      ]);
      expect(read.outcome.result).toBeDefined();
      expect(read.outcome).toEqual(given.outcome);
      // Size and modification time taken as the worker read the file, stored with its result.
      const info = await stat(join(dir, 'a.txt'));
      expect(read.stored?.header.stamp).toEqual({ size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino });
      expect(given.stored?.header.stamp).toBeUndefined();
      expect(read.outcome.result!.sha256).toBe(contentHash(bytes(text)));
      expect([read.bytesRead, given.bytesRead]).toEqual([text.length, text.length]);
      // The issues reading in this thread would give.
      expect(missing.outcome.issue).toMatchObject({ code: 'FILE_UNREADABLE', file: 'gone.txt', stage: 'ingest', message: 'cannot read file: ENOENT (no such file or folder)' });
      expect(missing.outcome.issue).toEqual((await readFileBytes(join(dir, 'gone.txt'), 'gone.txt')).issue);
      expect(big.outcome.issue).toMatchObject({ code: 'FILE_TOO_LARGE', file: 'big.txt' });
      expect(big.outcome.issue).toEqual((await readFileBytes(join(dir, 'big.txt'), 'big.txt', { ...DEFAULT_INGEST_SETTINGS, maxFileBytes: 100 })).issue);
      expect([missing.bytesRead, big.bytesRead]).toEqual([0, 0]);
    } finally {
      await pool.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test.skipIf(!WorkerPool.isAvailable())('workers match with the lexicon the main thread loaded, not with a file read again', async () => {
    // The origin names a file that does not exist: a worker that reread it could not score at all.
    const { lexicon } = parseLexicon('gone.yaml', 'name: inline\nversion: 1.0.0\nlanguage: en\ndescription: d\ncategories:\n  borders:\n    label: Borders\n    description: d\n    entries:\n      - {term: "frontier*", source: test}\n');
    const pool = await WorkerPool.create(1, { lexicons: workerLexicons([{ ...lexicon!, file: join(tmpdir(), 'no-such-dir', 'gone.yaml') }]), tokeniser: 'scan.v1', ingest: DEFAULT_INGEST_SETTINGS });
    try {
      const { outcome } = await pool.score({ id: 'c.txt', path: '/x/c.txt' }, { sha256: 'sha-c', bytes: bytes('Frontiers and frontier posts.\n') });
      expect(outcome.result?.row.hits).toEqual({ borders: 2 });
      expect(outcome.result?.row.lexiconVersion).toBe(`inline@1.0.0:${lexicon!.sha256.slice(0, 8)}`);
    } finally {
      await pool.close();
    }
  });

  test.skipIf(!WorkerPool.isAvailable())('answers come back in the order of the tasks, even when a later document is done first', async () => {
    const lexicons = await bundledLexicons();
    const pdf = await readFile(fileURLToPath(new URL('../fixtures/formats/text.pdf', import.meta.url)));
    const pool = await WorkerPool.create(1, { lexicons, tokeniser: 'scan.v1', ingest: DEFAULT_INGEST_SETTINGS });
    try {
      // A PDF is parsed asynchronously; the text sent after it is scored meanwhile.
      const answers = await Promise.all([pool.score({ id: 'a.pdf', path: '/x/a.pdf' }, { sha256: 'sha-a', bytes: new Uint8Array(pdf) }), pool.score({ id: 'b.txt', path: '/x/b.txt' }, { sha256: 'sha-b', bytes: bytes('Border control.\n') })]);
      expect(answers.map(({ outcome }) => outcome.result?.id)).toEqual(['a.pdf', 'b.txt']);
      expect(Buffer.concat(answers[0].outcome.result!.matchesCsv).toString('utf8')).toMatch(/human rights/);
    } finally {
      await pool.close();
    }
  }, 30_000);
});
