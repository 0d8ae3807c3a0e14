#!/usr/bin/env node
// Where the CPU of a run on N threads goes (default 2; per-thread user and system time, Linux
// /proc), and how much two cores can give on this machine: the same scoring in one process,
// then split over two processes running at once. For a run on one core:
// taskset -c 0 node scripts/cpu-by-thread.mjs --threads 1 (the bare scoring is then pinned too).
// Usage: node scripts/cpu-by-thread.mjs [--corpus bundled|ungd|DIR] [--limit N] [--threads N]
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findDocuments, loadPipeline, loadScorer, runPipeline, scoreBytes } from '../dist/index.js';
import { contentHash, readFileBytes } from '../dist/ingest/index.js';
import { scoreBare } from './bare-scoring.mjs';
import { corpusFolder } from './corpus-folder.mjs';
import { threadTimes } from './thread-times.mjs';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'bundled' }, limit: { type: 'string' }, part: { type: 'string' }, threads: { type: 'string', default: '2' } } });
const root = new URL('..', import.meta.url).pathname;
const { config } = await loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
const folder = corpusFolder(values.corpus, config.corpus);
let { files } = await findDocuments(folder, config.options.extensions, config.options.exclude);
if (values.limit) files = files.slice(0, Number(values.limit));

if (values.part !== undefined) {
  // Child: score every file (part "all") or every other one (part 0 or 1) in this process, and print the seconds, wall then CPU (user + system).
  const { scorer } = await loadScorer(config.lexicons, config.options.tokeniser);
  const [start, startCpu] = [performance.now(), process.cpuUsage()];
  for (const [index, file] of files.entries()) {
    if (values.part !== 'all' && index % 2 !== Number(values.part)) continue;
    const read = await readFileBytes(file.path, file.id, { extensions: config.options.extensions, maxFileBytes: config.options.max_file_bytes });
    if (read.bytes) await scoreBytes(scorer, read.bytes, file, contentHash(read.bytes));
  }
  const cpu = process.cpuUsage(startCpu);
  console.log(`${((performance.now() - start) / 1000).toFixed(2)} ${((cpu.user + cpu.system) / 1e6).toFixed(2)}`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'hsframe-cpu-'));
if (values.limit) for (const file of files) cpSync(file.path, join(work, 'corpus', file.id));
const corpus = values.limit ? join(work, 'corpus') : folder;
let atEnd = [];
const started = performance.now();
await runPipeline(config, { corpus, output: join(work, 'out'), isForced: true, concurrency: Number(values.threads), onEvent: (event) => {
  if (event.phase === 'score' && event.done === event.total) atEnd = threadTimes();
} });
console.log(`${values.threads}-thread run: ${((performance.now() - started) / 1000).toFixed(1)} s; CPU seconds per thread when scoring ended (main thread first, then the busiest), ${atEnd.reduce((sum, thread) => sum + thread.user + thread.system, 0).toFixed(2)} s in all:`);
const [main, ...others] = atEnd;
for (const thread of [main, ...others.filter((t) => t.user + t.system >= 0.05).sort((a, b) => b.user + b.system - (a.user + a.system))]) console.log(`  user ${thread.user.toFixed(2)}  system ${thread.system.toFixed(2)}`);
rmSync(work, { recursive: true, force: true });

const child = (part) => scoreBare(part, { corpus: values.corpus, limit: values.limit });
const [one, oneCpu] = await child('all');
const [[half0, cpu0], [half1, cpu1]] = await Promise.all([child('0'), child('1')]);
console.log(`scoring in one process: ${one.toFixed(2)} s; split over two at once: ${half0.toFixed(2)} s and ${half1.toFixed(2)} s: ${(one / Math.max(half0, half1)).toFixed(2)}x; CPU ${oneCpu.toFixed(2)} s against ${(cpu0 + cpu1).toFixed(2)} s`);
