import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { makeIssue } from '../../src/issues.js';
import { FragmentStore } from '../../src/pipeline/fragment-store.js';
import { scoreBytes } from '../../src/pipeline/score-bytes.js';
import { loadScorer } from '../../src/pipeline/load-scorer.js';
import type { Scorer } from '../../src/pipeline/scorer.js';

const lexiconFiles = ['security-frames', 'undp-human-security'].map((name) => fileURLToPath(new URL(`../../lexicons/${name}.yaml`, import.meta.url)));

/** Run `body` in a new temp folder, with a scorer of the bundled lexicons; the folder is removed after. */
async function inTempFolder(prefix: string, body: (dir: string, scorer: Scorer) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    const { scorer } = await loadScorer(lexiconFiles);
    await body(dir, scorer!);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('fragment store', () => {
  test('a result is read back whole, however long its first line; rows only for the same content', async () => {
    await inTempFolder('hsframe-store-', async (dir, scorer) => {
      const outcome = await scoreBytes(scorer, new TextEncoder().encode('Refugees have a right to asylum. Border control.\n'), { id: 'a.txt', path: join(dir, 'a.txt') }, 'sha-a');
      // Many warnings make the first line longer than one read of it.
      const issues = Array.from({ length: 300 }, (_, index) => makeIssue('LANGUAGE_NOT_SCORED', 'a.txt', `warning ${index} ${'x'.repeat(60)}`, { stage: 'tokenise' }));
      const result = { ...outcome.result!, issues };
      const stamp = { size: 50, mtimeMs: 2, ctimeMs: 2, ino: 1 };
      const store = await FragmentStore.open(join(dir, 'state'), 'key-1');
      await store.write(result, stamp);
      expect(JSON.stringify(issues).length).toBeGreaterThan(16_384);

      const again = await FragmentStore.open(join(dir, 'state'), 'key-1');
      expect(await (await again.readByContent('a.txt', 'sha-a', stamp))?.full()).toEqual({ ...result, matchesCsv: [], segmentsCsv: undefined });
      expect(await again.readByContent('a.txt', 'sha-b', stamp)).toBeUndefined();
      expect(await again.readUnchanged('a.txt', stamp)).toMatchObject({ result: { id: 'a.txt', issues }, isStored: true });
      expect(new TextDecoder().decode((await again.readRows('a.txt', 'sha-a'))!.matches)).toBe(Buffer.concat(result.matchesCsv).toString('utf8'));
      expect(await again.readRows('a.txt', 'sha-b')).toBeUndefined();
      // Another run key (other lexicons or options): nothing is reused.
      const other = await FragmentStore.open(join(dir, 'state'), 'key-2');
      expect(await other.readByContent('a.txt', 'sha-a', stamp)).toBeUndefined();
    });
  });
  test('the index serves an unchanged result without its record, which is read only for the whole result, and is written again as read', async () => {
    await inTempFolder('hsframe-index-', async (dir, scorer) => {
      const state = join(dir, 'state');
      const index = join(state, 'index.jsonl');
      // An id and a warning outside ASCII, with a tab and a newline: each is still one line of the index.
      const id = 'débat/ŁÓDŹ\u00a02018.txt';
      const outcome = await scoreBytes(scorer, new TextEncoder().encode('Refugees have a right to asylum. Border control.\n'), { id, path: join(dir, 'x.txt') }, 'sha-a');
      const result = { ...outcome.result!, issues: [makeIssue('LANGUAGE_NOT_SCORED', id, 'a warning with\ta tab,\na newline and «quotes»', { stage: 'tokenise' })] };
      const stamp = { size: 50, mtimeMs: 1_700_000_000_123.5, ctimeMs: 1_700_000_000_123.5, ino: 1 };
      const first = await FragmentStore.open(state, 'key-1');
      await first.write(result, stamp);
      await first.saveIndex();
      const written = await readFile(index);
      expect(written.toString('utf8').trim().split('\n')).toHaveLength(2);

      const second = await FragmentStore.open(state, 'key-1');
      const found = await second.readUnchanged(id, stamp);
      expect(found).toMatchObject({ result: { id, sha256: 'sha-a', issues: result.issues }, isStored: true });
      expect(await found.result!.full()).toEqual({ ...result, matchesCsv: [], segmentsCsv: undefined });
      await second.saveIndex();
      expect((await readFile(index)).equals(written)).toBe(true);

      // The packs are gone: the index alone serves the result, whose whole is then missing.
      const packs = join(state, 'packs');
      for (const name of await readdir(packs)) await rm(join(packs, name));
      // Its file touched since: the index lists a result, which serves the same content (the file's
      // new stamp goes into the next index), and not other content, which the fragment would have to.
      const touched = { size: 50, mtimeMs: 1, ctimeMs: 1, ino: 1 };
      const third = await FragmentStore.open(state, 'key-1');
      expect(await third.readUnchanged(id, touched)).toEqual({ isStored: true });
      const same = await third.readByContent(id, 'sha-a', touched);
      expect(same).toMatchObject({ id, sha256: 'sha-a', issues: result.issues });
      await expect(same!.full()).rejects.toThrow(/stored result of .*2018\.txt is missing/);
      await third.saveIndex();
      expect(await readFile(index, 'utf8')).toContain(`${JSON.stringify(id)},"sha-a",50,1,1,1,`);
      await writeFile(index, written);
      const other = await FragmentStore.open(state, 'key-1');
      expect(await other.readUnchanged(id, touched)).toEqual({ isStored: true });
      expect(await other.readByContent(id, 'sha-b', touched)).toBeUndefined();
      // A store reads the index as it opens, and removes it until its own pass is finished.
      await writeFile(index, written);
      const fourth = await FragmentStore.open(state, 'key-1');
      const indexed = await fourth.readUnchanged(id, stamp);
      expect(indexed).toMatchObject({ result: { id, sha256: 'sha-a' }, isStored: true });
      await expect(indexed.result!.full()).rejects.toThrow(/stored result of .*2018\.txt is missing/);

      // An index of another layout, or with a damaged line, is not read.
      const [header, line] = written.toString('utf8').split('\n');
      for (const text of [`${header.replace('"layout":6', '"layout":5')}\n${line}\n`, `${header}\n${line.replace('[', '{')}\n`, `${header}\n${line.replace(/^\["[^"]*"/, '[7')}\n`]) {
        await writeFile(index, text);
        const store = await FragmentStore.open(state, 'key-1');
        expect(await store.readUnchanged(id, stamp)).toEqual({ isStored: false });
      }
    });
  });

  test('an unchanged pass after an exact one leaves the store as it is; any change, a shard pass or a lost index makes it prune the packs no result needs, and other files', async () => {
    await inTempFolder('hsframe-exact-', async (dir, scorer) => {
      const state = join(dir, 'state');
      const packs = join(state, 'packs');
      const stamp = { size: 50, mtimeMs: 3, ctimeMs: 3, ino: 1 };
      const results = await Promise.all(['a.txt', 'b.txt', 'c.txt'].map(async (id) => (await scoreBytes(scorer, new TextEncoder().encode(`Border control in ${id}.\n`), { id, path: join(dir, id) }, `sha-${id}`)).result!));
      /** A pass over `ids` that reuses what it can (scoring the rest), prunes unless a shard's, and saves its index. */
      const pass = async (ids: string[], options: { isExact?: boolean } = {}) => {
        const store = await FragmentStore.open(state, 'key-1', options);
        for (const id of ids) if (!(await store.readUnchanged(id, stamp)).result) await store.write(results.find((result) => result.id === id)!, stamp);
        if (options.isExact !== false) await store.prune(ids);
        await store.saveIndex();
      };
      const files = async () => (await readdir(packs)).sort();
      /** Files no pass wrote: a temp file and a pack of nothing that reads as a record. */
      const litter = async () => {
        const names = ['x.pack.hsframe.tmp', '0000.pack'];
        for (const name of names) await writeFile(join(packs, name), '{}');
        return names;
      };

      await pass(['a.txt', 'b.txt', 'c.txt']);
      const [first] = await files();
      expect(await files()).toEqual([first]);
      // Unchanged: the store is not read through again, so files no pass wrote stay.
      const left = await litter();
      await pass(['a.txt', 'b.txt', 'c.txt']);
      expect(await files()).toEqual([first, ...left].sort());
      // A document gone: pruned, litter and all; the pack still holds results of the others.
      await pass(['a.txt', 'b.txt']);
      expect(await files()).toEqual([first]);
      // A document new: stored in a pack of its own pass.
      await litter();
      await pass(['a.txt', 'b.txt', 'c.txt']);
      const [, second] = await files();
      expect(await files()).toEqual([first, second]);
      // No result of the first pack needed any more: it goes.
      await pass(['c.txt']);
      expect(await files()).toEqual([second]);
      // After a shard's pass, whose index does not say the store is exact, an unchanged pass prunes and sweeps.
      await litter();
      await pass(['c.txt'], { isExact: false });
      expect(await files()).toHaveLength(3);
      await pass(['c.txt']);
      expect(await files()).toEqual([second]);
      // The index lost (a pass killed after opening the store): the packs are read record by record, and the same.
      await litter();
      await rm(join(state, 'index.jsonl'));
      await pass(['c.txt']);
      expect(await files()).toEqual([second]);
      const reread = await FragmentStore.open(state, 'key-1');
      expect(await reread.readUnchanged('c.txt', stamp)).toMatchObject({ result: { id: 'c.txt', sha256: 'sha-c.txt' }, isStored: true });
    });
  });

  test('without an index, the packs are read record by record, up to a record cut short; a result made again as stored is not written again', async () => {
    await inTempFolder('hsframe-scan-', async (dir, scorer) => {
      const state = join(dir, 'state');
      const stamp = { size: 50, mtimeMs: 3, ctimeMs: 3, ino: 1 };
      const results = await Promise.all(['a.txt', 'b.txt'].map(async (id) => (await scoreBytes(scorer, new TextEncoder().encode(`Refugees and border control in ${id}.\n`), { id, path: join(dir, id) }, `sha-${id}`)).result!));
      const store = await FragmentStore.open(state, 'key-1');
      for (const result of results) await store.write(result, stamp);
      // No index saved (a killed pass): found in the pack.
      const found = await FragmentStore.open(state, 'key-1');
      for (const { id } of results) expect(await found.readUnchanged(id, stamp)).toMatchObject({ result: { id }, isStored: true });
      expect(new TextDecoder().decode((await found.readRows('b.txt', 'sha-b.txt'))!.matches)).toBe(Buffer.concat(results[1].matchesCsv).toString('utf8'));
      // Written again as it was: the record in place serves, and the pack is not written.
      const [pack] = await readdir(join(state, 'packs'));
      const before = await readFile(join(state, 'packs', pack));
      const forced = await FragmentStore.open(state, 'key-1', { isReused: false });
      for (const result of results) await forced.write(result, stamp);
      expect(await readdir(join(state, 'packs'))).toEqual([pack]);
      expect((await readFile(join(state, 'packs', pack))).equals(before)).toBe(true);
      // The pack cut inside its last record: the first is still found, the last not.
      await writeFile(join(state, 'packs', pack), before.subarray(0, before.length - 10));
      const cut = await FragmentStore.open(state, 'key-1');
      expect(await cut.readUnchanged('a.txt', stamp)).toMatchObject({ result: { id: 'a.txt' }, isStored: true });
      expect(await cut.readUnchanged('b.txt', stamp)).toEqual({ isStored: false });
      // Another run key finds nothing.
      expect(await (await FragmentStore.open(state, 'key-2')).readUnchanged('a.txt', stamp)).toEqual({ isStored: false });
    });
  });
  test('packs more than half of whose bytes no result needs are copied into one, as the next pass opens the store', async () => {
    await inTempFolder('hsframe-compact-', async (dir, scorer) => {
      const state = join(dir, 'state');
      const packs = join(state, 'packs');
      const stamp = { size: 50, mtimeMs: 3, ctimeMs: 3, ino: 1 };
      // Results of about 200 kB each (their warnings).
      const resultOf = async (id: string) => {
        const outcome = await scoreBytes(scorer, new TextEncoder().encode(`Border control in ${id}.\n`), { id, path: join(dir, id) }, `sha-${id}`);
        const issues = Array.from({ length: 2000 }, (_, index) => makeIssue('LANGUAGE_NOT_SCORED', id, `warning ${index} ${'x'.repeat(60)}`, { stage: 'tokenise' }));
        return { ...outcome.result!, issues };
      };
      const ids = ['kept.txt', ...Array.from({ length: 10 }, (_, index) => `gone-${index}.txt`)];
      const results = new Map(await Promise.all(ids.map(async (id) => [id, await resultOf(id)] as const)));
      const pass = async (passIds: string[]) => {
        const store = await FragmentStore.open(state, 'key-1');
        for (const id of passIds) if (!(await store.readUnchanged(id, stamp)).result) await store.write(results.get(id)!, stamp);
        await store.prune(passIds);
        await store.saveIndex();
      };
      await pass(ids);
      const [first] = await readdir(packs);
      const size = (await stat(join(packs, first))).size;
      expect(size).toBeGreaterThan(2_000_000);
      // The ten other documents deleted: the pack stays, kept.txt still needing it.
      await pass(['kept.txt']);
      expect(await readdir(packs)).toEqual([first]);
      // The next pass finds it mostly unneeded: kept.txt's record is copied into a pack of its own.
      await pass(['kept.txt']);
      const [compacted] = await readdir(packs);
      expect(await readdir(packs)).toEqual([compacted]);
      expect(compacted).not.toBe(first);
      expect((await stat(join(packs, compacted))).size).toBeLessThan(size / 5);
      const store = await FragmentStore.open(state, 'key-1');
      expect(await store.readUnchanged('kept.txt', stamp)).toMatchObject({ result: { id: 'kept.txt', sha256: 'sha-kept.txt', issues: results.get('kept.txt')!.issues }, isStored: true });
      expect(new TextDecoder().decode((await store.readRows('kept.txt', 'sha-kept.txt'))!.matches)).toBe(Buffer.concat(results.get('kept.txt')!.matchesCsv).toString('utf8'));
      // Little left to gain: the store stays as it is.
      await pass(['kept.txt']);
      expect(await readdir(packs)).toEqual([compacted]);
    });
  });
  test("a shard's pass removes only packs all of whose results are its own documents' made again", async () => {
    await inTempFolder('hsframe-shard-', async (dir, scorer) => {
      const state = join(dir, 'state');
      const packs = join(state, 'packs');
      const stamp = { size: 50, mtimeMs: 3, ctimeMs: 3, ino: 1 };
      const resultOf = async (id: string, version: number) => (await scoreBytes(scorer, new TextEncoder().encode(`Border control, version ${version} of ${id}.\n`), { id, path: join(dir, id) }, `sha-${id}-${version}`)).result!;
      /** A shard's pass over `ids` that makes every result again (as after a lexicon change, here new content), prunes, and saves its index. */
      const pass = async (ids: string[], version: number) => {
        const store = await FragmentStore.open(state, 'key-1', { isExact: false });
        for (const id of ids) await store.write(await resultOf(id, version), stamp);
        await store.prune(ids);
        await store.saveIndex();
      };
      await pass(['other.txt'], 1);
      const [other] = await readdir(packs);
      for (let version = 1; version <= 4; version++) await pass(['a.txt', 'b.txt'], version);
      // The other shard's pack stays; of this shard's, only the last pass's.
      const left = await readdir(packs);
      expect(left).toHaveLength(2);
      expect(left).toContain(other);
      const store = await FragmentStore.open(state, 'key-1');
      for (const id of ['a.txt', 'b.txt']) expect(await store.readUnchanged(id, stamp)).toMatchObject({ result: { sha256: `sha-${id}-4` } });
      expect(await store.readUnchanged('other.txt', stamp)).toMatchObject({ result: { sha256: 'sha-other.txt-1' } });
    });
  });
});
