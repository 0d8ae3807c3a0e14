import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { isInShard, parseShard } from '../../src/pipeline/index.js';
import { makeProject, runCli } from './cli-process.js';

const FILES = ['canada-unga-general-debate-1999.txt', 'hungary-unga-general-debate-2018.txt', 'los-angeles-declaration-migration-protection-2022.txt', 'us-eo-refugee-resettlement-climate-migration-2021.txt', 'us-eo-regional-framework-causes-of-migration-2021.txt'];
const cleanup: string[] = [];
afterAll(() => Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('shards', () => {
  test.for([
    ['1/1', { index: 1, count: 1 }],
    ['2/3', { index: 2, count: 3 }],
    ['0/3', undefined],
    ['4/3', undefined],
    ['a/b', undefined],
  ] as const)('parseShard(%s)', ([text, expected]) => {
    expect(parseShard(text)).toEqual(expected);
  });

  test('every id falls in exactly one shard', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `folder/doc-${i}.txt`);
    for (const id of ids) expect([1, 2, 3, 4].filter((index) => isInShard(id, { index, count: 4 }))).toHaveLength(1);
    const sizes = [1, 2, 3, 4].map((index) => ids.filter((id) => isInShard(id, { index, count: 4 })).length);
    expect(Math.min(...sizes)).toBeGreaterThan(25);
  });

  test('hsframe merge of 3 shard runs writes exactly what one run writes', async () => {
    const project = await makeProject(FILES);
    cleanup.push(project.dir);
    const whole = await runCli(['run', project.pipeline, '--quiet', '--out', join(project.dir, 'whole')]);
    expect(whole.code, whole.stderr).toBe(0);
    const shards = ['1/3', '2/3', '3/3'].map((shard, i) => join(project.dir, `shard${i}`));
    for (const [i, dir] of shards.entries()) {
      const result = await runCli(['run', project.pipeline, '--quiet', '--shard', `${i + 1}/3`, '--out', dir]);
      expect(result.code, result.stderr).toBe(0);
    }
    const merged = await runCli(['merge', ...shards, '--out', join(project.dir, 'merged')]);
    expect(merged.code, merged.stderr).toBe(0);
    for (const name of ['scores.csv', 'matches.csv', 'errors.csv']) {
      expect(await readFile(join(project.dir, 'merged', name), 'utf8'), name).toBe(await readFile(join(project.dir, 'whole', name), 'utf8'));
    }
    const overlap = await runCli(['merge', shards[0], shards[0], '--out', join(project.dir, 'bad')]);
    expect(overlap.code).toBe(2);
    expect(overlap.stderr).toContain('shards overlap');
  }, 90_000);
});
