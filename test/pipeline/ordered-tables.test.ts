import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_INGEST_SETTINGS, findDocuments } from '../../src/ingest/index.js';
import type { CsvSettings } from '../../src/output/index.js';
import { FragmentStore } from '../../src/pipeline/fragment-store.js';
import { BUNDLED_LEXICONS, loadScorer } from '../../src/pipeline/index.js';
import { scoreFiles } from '../../src/pipeline/score-files.js';
import { OrderedTables, StoredResultsLost, writeOutputs, type StoredDoc, type TableSettings } from '../../src/pipeline/write-outputs.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const BUNDLED = new URL('../../corpora/eu-migration/', import.meta.url).pathname;
const TABLES = ['scores.csv', 'matches.csv', 'segments.csv'];

/** The bundled corpus scored into a store, with the documents in id order (settled by index). */
async function scoredCorpus() {
  const dir = await mkdtemp(join(tmpdir(), 'hsframe-tables-'));
  dirs.push(dir);
  const { scorer } = await loadScorer(BUNDLED_LEXICONS);
  const store = await FragmentStore.open(join(dir, 'state'), 'key');
  const { files } = await findDocuments(BUNDLED, ['.txt', '.md', '.html', '.pdf', '.docx']);
  const scored = await scoreFiles(files, { scorer: scorer!, ingest: DEFAULT_INGEST_SETTINGS, concurrency: 1, store, keepRows: false, segments: 'sentence' });
  const docs: StoredDoc[] = scored.ids.map((id) => ({ id, sha256: scored.contentHashes.get(id)! }));
  return { dir, scorer: scorer!, store, docs, scored };
}

/** The tables in `dir`, by name. */
const tablesIn = async (dir: string) => Object.fromEntries(await Promise.all(TABLES.map(async (name) => [name, await readFile(join(dir, name), 'utf8')])));

describe('tables written in id order while documents settle', () => {
  test('are the tables written at once, whatever order the documents settle in, whenever writing begins', async () => {
    const { dir, scorer, store, docs } = await scoredCorpus();
    expect(docs.length).toBeGreaterThan(5);
    for (const [name, csv, layout] of [
      ['default', undefined, 'wide'],
      ['other-settings', { delimiter: ';', decimal: ',', hasBom: true, recordDelimiter: '\r\n' } satisfies CsvSettings, 'long'],
    ] as const) {
      const settings = (out: string): TableSettings => ({ dir: out, scorer, store, csv, layout, segments: 'sentence' });
      const atOnce = join(dir, `${name}-at-once`);
      await mkdir(atOnce);
      await OrderedTables.of(settings(atOnce), docs).commit(docs);
      // Out of order: the last first, then every other one, then the rest; writing begins after the third.
      const order = [docs.length - 1, ...docs.keys()].filter((index, at, all) => all.indexOf(index) === at);
      const shuffled = [...order.filter((index) => index % 2 === 0), ...order.filter((index) => index % 2 === 1)];
      const asTheySettle = join(dir, `${name}-as-they-settle`);
      await mkdir(asTheySettle);
      const tables = new OrderedTables(settings(asTheySettle), docs.length);
      shuffled.forEach((index, at) => {
        tables.settle(index, docs[index]);
        if (at === 2) tables.start();
      });
      await tables.commit(docs);
      expect(await tablesIn(asTheySettle)).toEqual(await tablesIn(atOnce));
      // A document that failed (no rows) is left out; here they settle last to first.
      const withFailure = join(dir, `${name}-with-failure`);
      await mkdir(withFailure);
      const failing = new OrderedTables(settings(withFailure), docs.length + 1);
      failing.start();
      const failed = 2;
      for (let index = docs.length; index >= 0; index--) failing.settle(index, index === failed ? undefined : docs[index < failed ? index : index - 1]);
      await failing.commit(docs);
      expect(await tablesIn(withFailure)).toEqual(await tablesIn(atOnce));
    }
  }, 60_000);

  test('are not put in place before every document settled, and leave no temp files when dropped or failing', async () => {
    const { dir, scorer, store, docs } = await scoredCorpus();
    const out = join(dir, 'out');
    await mkdir(out);
    await writeFile(join(out, 'scores.csv'), 'previous\n');
    const settings: TableSettings = { dir: out, scorer, store, segments: 'sentence' };
    const dropped = new OrderedTables(settings, docs.length);
    dropped.start();
    docs.forEach((doc, index) => dropped.settle(index, doc));
    await dropped.abort();
    // Settled after being dropped: ignored.
    dropped.settle(0, docs[0]);
    expect(await readdir(out)).toEqual(['scores.csv']);
    expect(await readFile(join(out, 'scores.csv'), 'utf8')).toBe('previous\n');

    // A document not yet settled: commit refuses, and the tables in place stay.
    const unfinished = new OrderedTables(settings, docs.length);
    docs.slice(1).forEach((doc, index) => unfinished.settle(index + 1, doc));
    await expect(unfinished.commit(docs)).rejects.toThrow(/0 documents written, \d+ scored/);
    expect(await readdir(out)).toEqual(['scores.csv']);

    // Stored results lost while the tables are written: the error names every such document; nothing is put in place.
    const lostDir = join(dir, 'lost-state');
    await cp(join(dir, 'state'), lostDir, { recursive: true });
    const lost = await FragmentStore.open(lostDir, 'key');
    const packs = join(lostDir, 'packs');
    for (const name of await readdir(packs)) await rm(join(packs, name));
    const failing = new OrderedTables({ ...settings, store: lost }, docs.length);
    failing.start();
    docs.forEach((doc, index) => failing.settle(index, doc));
    const error = await failing.commit(docs).then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(StoredResultsLost);
    expect((error as StoredResultsLost).ids).toEqual(docs.map((doc) => doc.id));
    expect((error as Error).message).toContain(`the stored results of ${docs.length} document(s) are missing or unreadable (${docs[0].id}`);
    expect(await readdir(out)).toEqual(['scores.csv']);
  }, 60_000);
});

describe('tables of many batches', () => {
  test('hold every document in order; a stored result lost in a later batch leaves nothing in place', async () => {
    const { dir, scorer, store, docs } = await scoredCorpus();
    // 250 settled documents: the bundled ones again and again, in three batches and a half.
    const many = Array.from({ length: 250 }, (_, index) => docs[index % docs.length]);
    const settings = (out: string): TableSettings => ({ dir: out, scorer, store, segments: 'sentence' });
    const single = join(dir, 'single');
    await mkdir(single);
    await OrderedTables.of(settings(single), docs).commit(docs);
    const once = await tablesIn(single);
    const out = join(dir, 'many');
    await mkdir(out);
    const tables = new OrderedTables(settings(out), many.length);
    tables.start();
    many.forEach((doc, index) => tables.settle(index, doc));
    await tables.commit(many);
    const written = await tablesIn(out);
    // Each document's rows, from the tables of the documents once, by the id that starts them.
    const rowsOf = (table: string, id: string) => once[table].split('\n').filter((line) => line.startsWith(`${id},`) || line.startsWith(`"${id}",`));
    for (const table of TABLES) {
      const [header] = once[table].split('\n');
      expect(written[table], table).toBe(`${[header, ...many.flatMap((doc) => rowsOf(table, doc.id))].join('\n')}\n`);
    }
    // One stored result not found, in the third batch: it is named, and no table is put in place.
    const lostOut = join(dir, 'lost');
    await mkdir(lostOut);
    const withLost = many.map((doc, index) => (index === 230 ? { ...doc, sha256: 'not-stored' } : doc));
    const failing = new OrderedTables(settings(lostOut), withLost.length);
    failing.start();
    withLost.forEach((doc, index) => failing.settle(index, doc));
    const error = await failing.commit(withLost).then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(StoredResultsLost);
    expect((error as StoredResultsLost).ids).toEqual([many[230].id]);
    expect(await readdir(lostOut)).toEqual([]);
  }, 60_000);
});

describe('the output files of a run', () => {
  test('are all written in full before any is put in place: a failure writing the last leaves every previous file as it was', async () => {
    const { dir, scorer, store, scored } = await scoredCorpus();
    const out = join(dir, 'out');
    await mkdir(out);
    const previous = ['scores.csv', 'matches.csv', 'errors.csv', 'manifest.json'];
    for (const name of previous) await writeFile(join(out, name), `previous ${name}\n`);
    const outputs = { dir: out, stateDir: join(dir, 'run-state'), scorer, store, scored, issues: [], files: previous, runKey: 'key' };
    await mkdir(outputs.stateDir);
    // The manifest, written last, cannot be written (as on a full disk): the tables and errors.csv, already written, are not put in place.
    await expect(writeOutputs({ ...outputs, manifest: { size: 1n } })).rejects.toThrow(/BigInt/);
    expect((await readdir(out)).sort()).toEqual([...previous].sort());
    for (const name of previous) expect(await readFile(join(out, name), 'utf8')).toBe(`previous ${name}\n`);
    await writeOutputs({ ...outputs, manifest: { size: 1 } });
    expect(await readFile(join(out, 'manifest.json'), 'utf8')).toBe('{\n  "size": 1\n}\n');
    expect((await readFile(join(out, 'scores.csv'), 'utf8')).split('\n').length).toBe(scored.ids.length + 2);
  }, 60_000);
});
