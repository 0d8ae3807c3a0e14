#!/usr/bin/env node
// What a run spends before and around its scoring: how long a worker thread takes from its start
// until it has compiled its lexicons (one, then two at once), and when a forced run on two
// threads has scored its first and its last document and when it ends (seconds from process
// start). With --against, another build's dist folder (e.g. an earlier commit, built) is timed
// too, each in its own process, the builds alternated round by round.
// Usage: node scripts/start-cost.mjs [--corpus bundled|ungd|DIR] [--rounds N] [--against DIST]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusFolder } from './corpus-folder.mjs';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'bundled' }, rounds: { type: 'string', default: '3' }, against: { type: 'string' }, child: { type: 'string' }, out: { type: 'string' } } });
const root = new URL('..', import.meta.url).pathname;

if (values.child) {
  // One measurement in this process, with the build in --child; printed as JSON.
  const dist = values.child;
  const { loadPipeline, loadScorer, runPipeline } = await import(join(dist, 'index.js'));
  const { config } = await loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
  const at = () => Number((performance.now() / 1000).toFixed(2));
  const marks = {};
  await runPipeline(config, { corpus: corpusFolder(values.corpus, config.corpus), output: values.out, isForced: true, concurrency: 2, onEvent: (event) => {
    if (event.phase === 'score' && event.done === 1) marks.first = at();
    if (event.phase === 'score' && event.done === event.total) marks.last = at();
  } });
  marks.end = at();
  const { WorkerPool, workerLexicons } = await import(join(dist, 'pipeline/worker-pool.js'));
  const { knownInflections } = await import(join(dist, 'lexicon/index.js'));
  const { scorer } = await loadScorer(config.lexicons, config.options.tokeniser);
  const init = { lexicons: workerLexicons(scorer.lexicons), tokeniser: scorer.tokeniser, inflections: knownInflections(), ingest: { extensions: config.options.extensions, maxFileBytes: config.options.max_file_bytes } };
  for (const size of [1, 2]) {
    const started = performance.now();
    const pool = await WorkerPool.create(size, init);
    marks[`ready${size}`] = Math.round(performance.now() - started);
    await pool.close();
  }
  console.log(JSON.stringify(marks));
  process.exit(0);
}

const builds = [['this build', join(root, 'dist')], ...(values.against ? [[values.against, values.against]] : [])];
const work = mkdtempSync(join(tmpdir(), 'hsframe-start-'));
const results = new Map(builds.map(([name]) => [name, []]));
const measure = ([name, dist]) => {
  const out = join(work, `out-${builds.findIndex(([other]) => other === name)}`);
  const stdout = execFileSync(process.execPath, [new URL(import.meta.url).pathname, '--child', dist, '--corpus', values.corpus, '--out', out], { encoding: 'utf8' });
  return JSON.parse(stdout.trim().split('\n').at(-1));
};
// A first run per build, not counted, leaves what later runs keep (checked lexicons, inflections).
for (const build of builds) measure(build);
for (let round = 0; round < Number(values.rounds); round++) {
  for (const build of round % 2 === 0 ? builds : [...builds].reverse()) results.get(build[0]).push(measure(build));
}
rmSync(work, { recursive: true, force: true });
const list = (runs, key) => runs.map((run) => run[key]).join(', ');
for (const [name, runs] of results) {
  console.log(`${name}: a worker ready in ${list(runs, 'ready1')} ms (two at once: ${list(runs, 'ready2')} ms); forced run on two threads, seconds from process start: first document scored ${list(runs, 'first')}, last ${list(runs, 'last')}, end ${list(runs, 'end')}`);
}
