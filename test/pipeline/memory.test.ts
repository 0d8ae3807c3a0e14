import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MAX_PARAGRAPHS } from '../../src/ingest/index.js';
import { BUNDLED_LEXICONS, loadScorer, scoreText } from '../../src/pipeline/index.js';
import { WorkerPool } from '../../src/pipeline/worker-pool.js';
import { makeProject, runCli } from './cli-process.js';

/** A sentence in which most words are lexicon terms. */
const DENSE = 'The border security of the state and the human rights of refugees, their dignity, health, food and livelihoods, are threatened by violence, terrorism and poverty. ';

describe('memory of one document', () => {
  // Its hits, and its rows of matches.csv as one string, took more than a worker's 512 MB of heap.
  test.skipIf(!WorkerPool.isAvailable())('a 4.5 MB document where half the words match is scored in a worker, every match written', async () => {
    const { dir, corpus, out, pipeline } = await makeProject([]);
    try {
      const repeats = Math.ceil(4_500_000 / DENSE.length);
      await writeFile(join(corpus, 'dense.txt'), DENSE.repeat(repeats));
      const { scorer } = await loadScorer(BUNDLED_LEXICONS);
      const perSentence = scoreText(DENSE, scorer!).doc.hits.length;
      expect(perSentence).toBeGreaterThan(10);

      const result = await runCli(['run', pipeline, '--quiet', '--concurrency', '2']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(await readFile(join(out, 'errors.csv'), 'utf8')).toBe('doc_id,stage,code,severity,message\n');
      const matches = await readFile(join(out, 'matches.csv'), 'utf8');
      expect(matches.split('\n').length - 2).toBe(perSentence * repeats);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  // Each paragraph took about a kilobyte while it was tokenised: 400,000 short ones ran out of a worker's heap.
  test.skipIf(!WorkerPool.isAvailable())('a document of as many short paragraphs as a document may hold is scored in a worker, a row of segments.csv for each', async () => {
    const { dir, corpus, out, pipeline } = await makeProject([]);
    try {
      await writeFile(join(corpus, 'list.txt'), 'Border cell.\n\n'.repeat(MAX_PARAGRAPHS));
      const result = await runCli(['run', pipeline, '--quiet', '--segments', 'paragraph']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const segments = await readFile(join(out, 'segments.csv'), 'utf8');
      expect(segments.split('\n').length - 2).toBe(MAX_PARAGRAPHS);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
