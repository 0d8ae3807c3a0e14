import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { makeIssue } from '../../src/issues.js';
import { FragmentStore } from '../../src/pipeline/fragment-store.js';
import { scoreBytes } from '../../src/pipeline/score-bytes.js';
import { loadScorer } from '../../src/pipeline/load-scorer.js';

const lexiconFiles = ['security-frames', 'undp-human-security'].map((name) => fileURLToPath(new URL(`../../lexicons/${name}.yaml`, import.meta.url)));

describe('fragment store', () => {
  test('a result is read back whole, however long its first line; rows only for the same content', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hsframe-store-'));
    try {
      const { scorer } = await loadScorer(lexiconFiles);
      const outcome = await scoreBytes(scorer!, new TextEncoder().encode('Refugees have a right to asylum. Border control.\n'), { id: 'a.txt', path: join(dir, 'a.txt') }, 'sha-a');
      // Many warnings make the first line longer than one read of it.
      const issues = Array.from({ length: 300 }, (_, index) => makeIssue('LANGUAGE_NOT_SCORED', 'a.txt', `warning ${index} ${'x'.repeat(60)}`, { stage: 'tokenise' }));
      const result = { ...outcome.result!, issues };
      const stamp = { size: 50, mtimeMs: 2 };
      const store = await FragmentStore.open(join(dir, 'state'), 'key-1');
      await store.write(result, stamp);
      expect(JSON.stringify(issues).length).toBeGreaterThan(16_384);

      const again = await FragmentStore.open(join(dir, 'state'), 'key-1');
      expect(await again.read('a.txt', 'sha-a')).toEqual({ ...result, matchesCsv: '', segmentsCsv: undefined });
      expect(await again.read('a.txt', 'sha-b')).toBeUndefined();
      expect(await again.readUnchanged('a.txt', stamp)).toMatchObject({ result: { id: 'a.txt', issues }, isStored: true });
      expect(new TextDecoder().decode((await again.readRows('a.txt', 'sha-a'))!.matches)).toBe(result.matchesCsv);
      expect(await again.readRows('a.txt', 'sha-b')).toBeUndefined();
      // Another run key (other lexicons or options): nothing is reused.
      const other = await FragmentStore.open(join(dir, 'state'), 'key-2');
      expect(await other.read('a.txt', 'sha-a')).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
