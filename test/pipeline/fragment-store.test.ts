import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
      const stamp = { size: 50, mtimeMs: 2 };
      const store = await FragmentStore.open(join(dir, 'state'), 'key-1');
      await store.write(result, stamp);
      expect(JSON.stringify(issues).length).toBeGreaterThan(16_384);

      const again = await FragmentStore.open(join(dir, 'state'), 'key-1');
      expect(await again.read('a.txt', 'sha-a')).toEqual({ ...result, matchesCsv: [], segmentsCsv: undefined });
      expect(await again.read('a.txt', 'sha-b')).toBeUndefined();
      expect(await again.readUnchanged('a.txt', stamp)).toMatchObject({ result: { id: 'a.txt', issues }, isStored: true });
      expect(new TextDecoder().decode((await again.readRows('a.txt', 'sha-a'))!.matches)).toBe(Buffer.concat(result.matchesCsv).toString('utf8'));
      expect(await again.readRows('a.txt', 'sha-b')).toBeUndefined();
      // Another run key (other lexicons or options): nothing is reused.
      const other = await FragmentStore.open(join(dir, 'state'), 'key-2');
      expect(await other.read('a.txt', 'sha-a')).toBeUndefined();
    });
  });
  test('the index serves an unchanged result without its fragment, which is read only for the whole result, and is written again as read', async () => {
    await inTempFolder('hsframe-index-', async (dir, scorer) => {
      const state = join(dir, 'state');
      const index = join(state, 'index.jsonl');
      // An id and a warning outside ASCII, with a tab and a newline: each is still one line of the index.
      const id = 'débat/ŁÓDŹ\u00a02018.txt';
      const outcome = await scoreBytes(scorer, new TextEncoder().encode('Refugees have a right to asylum. Border control.\n'), { id, path: join(dir, 'x.txt') }, 'sha-a');
      const result = { ...outcome.result!, issues: [makeIssue('LANGUAGE_NOT_SCORED', id, 'a warning with\ta tab,\na newline and «quotes»', { stage: 'tokenise' })] };
      const stamp = { size: 50, mtimeMs: 1_700_000_000_123.5 };
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

      // The fragments are gone: the index alone serves the result, whose whole is then missing.
      const fragments = join(state, 'fragments');
      for (const sub of await readdir(fragments)) await rm(join(fragments, sub), { recursive: true });
      // Its file touched since: the index lists a result, which serves the same content (the file's
      // new stamp goes into the next index), and not other content, which the fragment would have to.
      const touched = { size: 50, mtimeMs: 1 };
      const third = await FragmentStore.open(state, 'key-1');
      expect(await third.readUnchanged(id, touched)).toEqual({ isStored: true });
      const same = await third.readByContent(id, 'sha-a', touched);
      expect(same).toMatchObject({ id, sha256: 'sha-a', issues: result.issues });
      await expect(same!.full()).rejects.toThrow(/stored result of .*2018\.txt is missing/);
      await third.saveIndex();
      expect(await readFile(index, 'utf8')).toContain(`${JSON.stringify(id)},"sha-a",50,1,`);
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
      for (const text of [`${header.replace('"layout":3', '"layout":2')}\n${line}\n`, `${header}\n${line.replace('[', '{')}\n`, `${header}\n${line.replace(/^\["[^"]*"/, '[7')}\n`]) {
        await writeFile(index, text);
        const store = await FragmentStore.open(state, 'key-1');
        expect(await store.readUnchanged(id, stamp)).toEqual({ isStored: false });
      }
    });
  });

  test('an unchanged pass after an exact one leaves the store as it is; any change, a shard pass or a lost index makes it prune and sweep', async () => {
    await inTempFolder('hsframe-exact-', async (dir, scorer) => {
      const state = join(dir, 'state');
      const fragments = join(state, 'fragments');
      const stamp = { size: 50, mtimeMs: 3 };
      const results = await Promise.all(['a.txt', 'b.txt', 'c.txt'].map(async (id) => (await scoreBytes(scorer, new TextEncoder().encode(`Border control in ${id}.\n`), { id, path: join(dir, id) }, `sha-${id}`)).result!));
      /** A pass over `ids` that reuses what it can (scoring the rest), prunes unless a shard's, and saves its index. */
      const pass = async (ids: string[], options: { isExact?: boolean } = {}) => {
        const store = await FragmentStore.open(state, 'key-1', options);
        for (const id of ids) if (!(await store.readUnchanged(id, stamp)).result) await store.write(results.find((result) => result.id === id)!, stamp);
        if (options.isExact !== false) await store.prune(ids);
        await store.saveIndex();
      };
      const files = async () => (await Promise.all((await readdir(fragments)).map(async (sub) => (await readdir(join(fragments, sub))).map((name) => `${sub}/${name}`)))).flat().sort();
      /** Files no pass wrote: a temp file and a fragment of no document, in the first fragment's sub-folder. */
      const litter = async () => {
        const [sub] = await readdir(fragments);
        const names = [`${sub}/x.json.hsframe.tmp`, `${sub}/${'0'.repeat(40)}.json`];
        for (const name of names) await writeFile(join(fragments, name), '{}');
        return names;
      };

      await pass(['a.txt', 'b.txt', 'c.txt']);
      const kept = await files();
      expect(kept).toHaveLength(3);
      // Unchanged: the store is not read through again, so files no pass wrote stay.
      const left = await litter();
      await pass(['a.txt', 'b.txt', 'c.txt']);
      expect(await files()).toEqual([...kept, ...left].sort());
      // A document gone: pruned, litter and all.
      await pass(['a.txt', 'b.txt']);
      const two = await files();
      expect(two).toHaveLength(2);
      expect(two.every((name) => kept.includes(name))).toBe(true);
      // A document new: stored, then pruned.
      await litter();
      await pass(['a.txt', 'b.txt', 'c.txt']);
      expect(await files()).toEqual(kept);
      // After a shard's pass, whose index does not say the store is exact, an unchanged pass prunes and sweeps.
      await litter();
      await pass(['a.txt', 'b.txt', 'c.txt'], { isExact: false });
      expect(await files()).toHaveLength(5);
      await pass(['a.txt', 'b.txt', 'c.txt']);
      expect(await files()).toEqual(kept);
      // The index lost (a pass killed after opening the store): the same.
      await litter();
      await rm(join(state, 'index.jsonl'));
      await pass(['a.txt', 'b.txt', 'c.txt']);
      expect(await files()).toEqual(kept);
    });
  });
});
