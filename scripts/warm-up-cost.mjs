#!/usr/bin/env node
// What a thread pays to warm up: the corpus is scored --rounds times in one process, as a
// worker scores it (bytes read beforehand), and each round gives its wall time, the CPU time of
// the scoring thread and that of the process's other threads (V8's helpers: optimising
// compilation and garbage collection), read from Linux's /proc. The first round pays for
// compiling the code and meeting every word form; the later ones show the warm cost. V8 flags
// go before the script (`node --no-concurrent-recompilation scripts/warm-up-cost.mjs` compiles
// on the scoring thread instead of the helpers).
// Usage: node scripts/warm-up-cost.mjs [--corpus bundled|ungd|DIR] [--limit N] [--rounds R]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findDocuments, loadPipeline, loadScorer, scoreBytes } from '../dist/index.js';
import { contentHash, readFileBytes } from '../dist/ingest/index.js';
import { corpusFolder } from './corpus-folder.mjs';
import { threadTimes } from './thread-times.mjs';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'ungd' }, limit: { type: 'string' }, rounds: { type: 'string', default: '3' } } });
const root = new URL('..', import.meta.url).pathname;
const { config } = await loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
let { files } = await findDocuments(corpusFolder(values.corpus, config.corpus), config.options.extensions, config.options.exclude);
if (values.limit) files = files.slice(0, Number(values.limit));
const { scorer } = await loadScorer(config.lexicons, config.options.tokeniser);
const ingest = { extensions: config.options.extensions, maxFileBytes: config.options.max_file_bytes };
const documents = [];
for (const file of files) {
  const read = await readFileBytes(file.path, file.id, ingest);
  if (read.bytes) documents.push({ file, bytes: read.bytes, sha256: contentHash(read.bytes) });
}

const megabytes = documents.reduce((sum, { bytes }) => sum + bytes.length, 0) / 1e6;
console.log(`${documents.length} documents, ${megabytes.toFixed(1)} MB; ${process.version}; flags: ${process.execArgv.join(' ') || 'none'}`);
const self = String(process.pid);
/** CPU seconds of each thread so far, by thread id. */
const threadSeconds = () => new Map(threadTimes().map(({ task, user, system }) => [task, user + system]));
for (let round = 1; round <= Number(values.rounds); round++) {
  const before = threadSeconds();
  const start = performance.now();
  for (const { file, bytes, sha256 } of documents) await scoreBytes(scorer, bytes, file, sha256);
  const wall = (performance.now() - start) / 1000;
  let [scoring, others] = [0, 0];
  for (const [task, seconds] of threadSeconds()) {
    const spent = seconds - (before.get(task) ?? 0);
    if (task === self) scoring += spent;
    else others += spent;
  }
  console.log(`round ${round}: ${wall.toFixed(2)} s wall; CPU ${scoring.toFixed(2)} s scoring thread, ${others.toFixed(2)} s other threads`);
}
