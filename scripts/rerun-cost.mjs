#!/usr/bin/env node
// An unchanged re-run: how long `hsframe run` takes when nothing has changed since the last run
// (wall time, and user + system CPU time, from /usr/bin/time), round by round. With --against,
// another build's dist folder (e.g. an earlier commit, built) is timed too, the builds
// alternated round by round, each with its own output folder, and their tables compared.
// With --tables, each timed re-run first deletes OUT/.hsframe/outputs.json, so it rewrites the
// tables (scores.csv, matches.csv) from the stored results while it scores nothing. With
// --force, each timed run scores every document again (as a run after a lexicon change does),
// on --threads N threads (default: the configured concurrency). The disk is synced before each
// timed run, so that one run's writes do not land in the next one's time. With --new-document,
// each round first writes a new short document into the corpus (a text of its own each round;
// removed at the end), so every timed re-run scores that one document and reuses the rest.
// Usage: node scripts/rerun-cost.mjs [--corpus bundled|ungd|DIR] [--rounds N] [--against DIST] [--tables] [--force] [--threads N] [--new-document]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusFolder } from './corpus-folder.mjs';
import { hasGnuTime, median, timedRun } from './timed-run.mjs';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'ungd' }, rounds: { type: 'string', default: '6' }, against: { type: 'string' }, tables: { type: 'boolean', default: false }, force: { type: 'boolean', default: false }, threads: { type: 'string' }, 'new-document': { type: 'boolean', default: false } } });
const root = new URL('..', import.meta.url).pathname;
if (!hasGnuTime) throw new Error('rerun-cost needs /usr/bin/time');
const { loadPipeline } = await import(join(root, 'dist/index.js'));
const { config } = await loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
const corpus = corpusFolder(values.corpus, config.corpus);
const work = mkdtempSync(join(tmpdir(), 'hsframe-rerun-'));
const newDocument = join(corpus, 'zz-rerun-new-document.txt');

const builds = [join(root, 'dist'), ...(values.against ? [values.against] : [])].map((dist, index) => ({ dist, out: join(work, `out-${index}`), wall: [], cpu: [] }));
const options = [...(values.force ? ['--force'] : []), ...(values.threads ? ['--concurrency', values.threads] : [])];
/** One `hsframe run` of a build (with `options` when timed); its wall and CPU seconds. */
const run = (build, isTimed = false) => {
  const { seconds, cpu } = timedRun(build.dist, ['--corpus', corpus, '--out', build.out, '--quiet', ...(isTimed ? options : [])]);
  return { wall: seconds, cpu };
};
try {
  // The full run, then one re-run untimed: it keeps what the lexicons compile from under this build's code.
  for (const build of builds) {
    run(build);
    run(build);
  }
  for (let round = 0; round < Number(values.rounds); round++) {
    if (values['new-document']) writeFileSync(newDocument, `A new document, number ${round + 1}, about border control and the human rights of refugees.\n`);
    for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
      if (values.tables) rmSync(join(build.out, '.hsframe/outputs.json'));
      const { wall, cpu } = run(build, true);
      build.wall.push(wall);
      build.cpu.push(cpu);
    }
  }
  const list = (numbers) => numbers.map((n) => n.toFixed(2)).join(', ');
  const threads = values.threads ? ` on ${values.threads} threads` : '';
  const what = values.force ? `forced run${threads}` : values['new-document'] ? `re-run scoring one new document${threads}` : `unchanged re-run${values.tables ? ' rewriting the tables' : ''}${threads}`;
  console.log(`${what} of ${corpus}, ${values.rounds} rounds${builds.length > 1 ? ', builds alternated' : ''} (seconds):`);
  for (const build of builds) {
    console.log(`  ${build.dist}: wall ${list(build.wall)} (median ${median(build.wall).toFixed(2)}); user + system ${list(build.cpu)} (median ${median(build.cpu).toFixed(2)})`);
  }
  if (builds.length > 1) {
    const differ = ['scores.csv', 'matches.csv'].filter((name) => !readFileSync(join(builds[0].out, name)).equals(readFileSync(join(builds[1].out, name))));
    console.log(differ.length === 0 ? '  tables: identical' : `  tables differ: ${differ.join(', ')}`);
  }
} finally {
  rmSync(newDocument, { force: true });
  rmSync(work, { recursive: true, force: true });
}
