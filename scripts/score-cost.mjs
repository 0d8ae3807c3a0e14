#!/usr/bin/env node
// Scoring as a worker scores (read bytes, convert, tokenise, classify, aggregate, render the
// rows of matches.csv), in one process, with no worker threads or store: each process scores
// the corpus --rounds times and reports the median wall and CPU milliseconds of the rounds
// after its first. With --against, the processes alternate between this build and another
// build's dist folder (e.g. an earlier commit, built), each build in processes of its own, and
// both must give the same rows.
// Usage: node scripts/score-cost.mjs [--corpus bundled|ungd|DIR] [--limit N] [--rounds R] [--processes P] [--against DIST]
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { corpusFolder } from './corpus-folder.mjs';
import { median } from './timed-run.mjs';

/** A result's rows of matches.csv as text: a string (tool 0.5.0 and before) or UTF-8 parts. */
const csvText = (rows) => (typeof rows === 'string' ? rows : Buffer.concat(rows).toString('utf8'));

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'ungd' },
    limit: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    processes: { type: 'string', default: '3' },
    against: { type: 'string' },
    child: { type: 'string' },
  },
});
const root = new URL('..', import.meta.url).pathname;

if (values.child !== undefined) {
  // Child: score with the build in --child, print a JSON line.
  const dist = values.child;
  const hsframe = await import(join(dist, 'index.js'));
  const { scoreBytes } = await import(join(dist, 'pipeline/score-bytes.js'));
  const { config } = await hsframe.loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
  let { files } = await hsframe.findDocuments(corpusFolder(values.corpus, config.corpus), config.options.extensions, config.options.exclude);
  if (values.limit) files = files.slice(0, Number(values.limit));
  const { scorer } = await hsframe.loadScorer(config.lexicons, config.options.tokeniser);
  const bytes = files.map((file) => readFileSync(file.path));
  const [wall, cpu] = [[], []];
  let digest = '';
  for (let round = 0; round < Number(values.rounds); round++) {
    const hash = createHash('sha256');
    const [start, used] = [performance.now(), process.cpuUsage()];
    for (let i = 0; i < files.length; i++) {
      const outcome = await scoreBytes(scorer, bytes[i], files[i], 'sha');
      if (round === 0) hash.update(outcome.result ? JSON.stringify(outcome.result.row) + csvText(outcome.result.matchesCsv) : outcome.issue.message);
    }
    const spent = process.cpuUsage(used);
    wall.push(performance.now() - start);
    cpu.push((spent.user + spent.system) / 1000);
    if (round === 0) digest = hash.digest('hex');
  }
  console.log(JSON.stringify({ wall: median(wall.slice(1)), cpu: median(cpu.slice(1)), digest, documents: files.length }));
  process.exit(0);
}

const builds = [{ name: 'this build', dist: join(root, 'dist'), runs: [] }];
if (values.against) builds.push({ name: values.against, dist: values.against, runs: [] });
const script = new URL(import.meta.url).pathname;
const passOn = ['--corpus', values.corpus, '--rounds', values.rounds, ...(values.limit ? ['--limit', values.limit] : [])];
for (let index = 0; index < Number(values.processes); index++) {
  for (const build of index % 2 === 0 ? builds : [...builds].reverse()) {
    const { stdout } = await promisify(execFile)(process.execPath, [script, ...passOn, '--child', build.dist], { maxBuffer: 1 << 20 });
    build.runs.push(JSON.parse(stdout.trim().split('\n').at(-1)));
  }
}
const ms = (numbers) => numbers.map((value) => value.toFixed(0)).join(', ');
for (const build of builds) {
  const { documents } = build.runs[0];
  console.log(`${build.name}: ${documents} documents; per process, median of rounds 2-${values.rounds}: wall ${ms(build.runs.map((run) => run.wall))} ms; CPU ${ms(build.runs.map((run) => run.cpu))} ms`);
}
if (builds.length === 2) {
  const digests = new Set(builds.flatMap((build) => build.runs.map((run) => run.digest)));
  console.log(digests.size === 1 ? 'rows and matches: identical' : 'rows and matches: DIFFERENT');
  if (digests.size !== 1) process.exitCode = 1;
}
