#!/usr/bin/env node
// Peak memory against corpus size: `hsframe run --force` on a quarter, half, all and twice a
// corpus (the second copy hard-linked under another folder, so it is scored again), on one
// thread and on all cores. Flat memory means the last rows barely differ.
// Usage: node scripts/memory-by-size.mjs [--corpus ungd|bundled|DIR] [--threads 1,2]
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { findDocuments, loadPipeline } from '../dist/index.js';
import { corpusFolder } from './corpus-folder.mjs';
import { hasGnuTime, timedRun } from './timed-run.mjs';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'ungd' }, threads: { type: 'string', default: `1,${availableParallelism()}` } } });
if (!hasGnuTime) throw new Error('needs /usr/bin/time (GNU time) to read peak RSS');
const root = new URL('..', import.meta.url).pathname;
const { config } = await loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
const { files } = await findDocuments(corpusFolder(values.corpus, config.corpus), config.options.extensions, config.options.exclude);
const work = mkdtempSync(join(tmpdir(), 'hsframe-memory-'));

/** A folder with `copies` copies of the first `count` files (hard links where the file system allows). */
function folderOf(count, copies) {
  const folder = join(work, `corpus-${count}-${copies}`);
  for (let copy = 0; copy < copies; copy++) {
    for (const file of files.slice(0, count)) {
      const target = join(folder, `copy-${copy}`, file.id);
      mkdirSync(dirname(target), { recursive: true });
      try {
        linkSync(file.path, target);
      } catch {
        copyFileSync(file.path, target);
      }
    }
  }
  return folder;
}

const sizes = [
  [Math.ceil(files.length / 4), 1],
  [Math.ceil(files.length / 2), 1],
  [files.length, 1],
  [files.length, 2],
];
const rows = [];
try {
  for (const [count, copies] of sizes) {
    const folder = folderOf(count, copies);
    const mb = files.slice(0, count).reduce((sum, file) => sum + statSync(file.path).size, 0) * copies / 1e6;
    for (const threads of values.threads.split(',')) {
      const out = join(work, 'out');
      const { seconds, rssMb } = timedRun(join(root, 'dist'), ['--corpus', folder, '--out', out, '--quiet', '--force', '--concurrency', threads]);
      rows.push(`| ${(count * copies).toLocaleString('en-US')} | ${mb.toFixed(1)} | ${threads} | ${seconds.toFixed(1)} | ${Math.round(rssMb)} |`);
      console.error(rows.at(-1));
      rmSync(out, { recursive: true, force: true });
    }
    rmSync(folder, { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`| documents | MB | threads | seconds | peak RSS (MB) |\n|---|---|---|---|---|\n${rows.join('\n')}`);
