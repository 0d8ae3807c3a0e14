import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { publish, writePending } from '../../src/output/csv-file-writer.js';
import { noteTempFile, removeLeftovers } from '../../src/output/leftovers.js';

const dir = await mkdtemp(join(tmpdir(), 'hsframe-publish-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

test('a set of files is renamed into place with nothing else run in between: a signal handler sees the old set or the new, never a mix', async () => {
  const names = ['scores.csv', 'matches.csv', 'errors.csv', 'manifest.json'];
  for (const name of names) await writeFile(join(dir, name), 'old');
  const pending = await Promise.all(names.map((name) => writePending(join(dir, name), 'new')));
  const seen: string[][] = [];
  // Callbacks that run whenever the event loop turns, as a signal handler does.
  const look = () => seen.push(names.map((name) => readFileSync(join(dir, name), 'utf8')));
  for (let i = 0; i < 20; i++) setImmediate(look);
  const timer = setInterval(look, 0);
  await publish(pending);
  clearInterval(timer);
  await new Promise((resolve) => setImmediate(resolve));
  expect(seen.length).toBeGreaterThan(0);
  for (const state of seen) expect(new Set(state).size, state.join(',')).toBe(1);
  expect(names.map((name) => readFileSync(join(dir, name), 'utf8'))).toEqual(names.map(() => 'new'));
});

test('a temp file whose creation was under way when the process was stopped is removed by the second pass', async () => {
  const temp = join(dir, 'lock.hsframe.tmp');
  noteTempFile(temp);
  removeLeftovers();
  // Created after the first pass, as a write in flight at the signal completes.
  await writeFile(temp, '{}');
  removeLeftovers();
  expect(existsSync(temp)).toBe(false);
});
