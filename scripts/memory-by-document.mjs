#!/usr/bin/env node
// Peak memory against the size of one document: `hsframe run --force` on a folder holding one
// file of the corpus's documents joined (a blank line between them) up to 6, 12 and 23 MB (23 MB
// is near the most characters a document may hold, `MAX_TEXT_CHARS`), and on a folder of two
// 23 MB files; on one thread and on all cores, `--runs` times each, alternated. With `--dist`,
// builds to compare (a `dist` folder each, e.g. of a worktree at another commit), alternated too.
// Usage: node scripts/memory-by-document.mjs [--corpus ungd|bundled|DIR] [--threads 1,2] [--runs 3] [--dist DIR,DIR]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findDocuments, loadPipeline } from '../dist/index.js';
import { corpusFolder } from './corpus-folder.mjs';
import { hasGnuTime, timedRun } from './timed-run.mjs';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'ungd' },
    threads: { type: 'string', default: `1,${availableParallelism()}` },
    runs: { type: 'string', default: '3' },
    dist: { type: 'string' },
  },
});
if (!hasGnuTime) throw new Error('needs /usr/bin/time (GNU time) to read peak RSS');
const root = new URL('..', import.meta.url).pathname;
const builds = values.dist ? values.dist.split(',') : [join(root, 'dist')];
const { config } = await loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
const { files } = await findDocuments(corpusFolder(values.corpus, config.corpus), config.options.extensions, config.options.exclude);
const work = mkdtempSync(join(tmpdir(), 'hsframe-memory-'));

/** The corpus's plain-text documents joined, a blank line between them, up to `bytes` bytes (cut at a line break). */
function joined(bytes) {
  const parts = [];
  let size = 0;
  for (const file of files.filter((file) => file.path.endsWith('.txt'))) {
    const text = readFileSync(file.path, 'latin1');
    parts.push(text);
    size += text.length + 2;
    if (size >= bytes) break;
  }
  const text = parts.join('\n\n').slice(0, bytes);
  return text.slice(0, text.lastIndexOf('\n') + 1);
}

const cases = [
  ['one file of 6 MB', [6e6]],
  ['one file of 12 MB', [12e6]],
  ['one file of 23 MB', [23e6]],
  ['two files of 23 MB', [23e6, 23e6]],
];
const rows = [];
try {
  for (const [name, sizes] of cases) {
    const folder = join(work, name.replaceAll(' ', '-'));
    mkdirSync(folder);
    sizes.forEach((bytes, index) => writeFileSync(join(folder, `part-${index + 1}.txt`), joined(bytes), 'latin1'));
    for (const threads of values.threads.split(',')) {
      const peaks = builds.map(() => []);
      for (let run = 0; run < Number(values.runs); run++) {
        builds.forEach((dist, index) => {
          const out = join(work, 'out');
          peaks[index].push(Math.round(timedRun(dist, ['--corpus', folder, '--out', out, '--quiet', '--force', '--concurrency', threads]).rssMb));
          rmSync(out, { recursive: true, force: true });
        });
      }
      rows.push(`| ${name} | ${threads} | ${peaks.map((list) => list.join(', ')).join(' | ')} |`);
      console.error(rows.at(-1));
    }
    rmSync(folder, { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const heads = builds.map((dist) => `peak RSS, MB (${dist})`);
console.log(`| corpus | threads | ${heads.join(' | ')} |\n|---|---|${heads.map(() => '---|').join('')}\n${rows.join('\n')}`);
