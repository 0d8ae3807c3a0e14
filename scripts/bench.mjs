#!/usr/bin/env node
// Benchmark: each stage alone, the whole pipeline on one thread and on all cores, the
// plain wink-nlp yardstick, incremental re-runs and lexicon size, on one corpus.
// Usage: npm run bench -- [--corpus bundled|ungd|DIR] [--limit N] [--tokeniser scan.v1|wink-fast.v1|wink.v1]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { aggregate, createClassifier, findDocuments, loadPipeline, loadScorer, readDocument, scoreCells, scoreHeader, toCsv, tokenise, WINK_PIPES } from '../dist/index.js';
import { readFileBytesSync, sourceFromBytes } from '../dist/ingest/index.js';
import { matchesCsvOf } from '../dist/output/index.js';
import { scoreBare } from './bare-scoring.mjs';
import { stepsFor, twoCoreRatio } from './core-scaling.mjs';
import { lexiconSizeCost, tokenisedSample } from './lexicon-size.mjs';
import { median, signed, timedRun } from './timed-run.mjs';
import { corpusFolder } from './corpus-folder.mjs';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'bundled' }, limit: { type: 'string' }, tokeniser: { type: 'string' } } });
const root = new URL('..', import.meta.url).pathname;
const { config } = await loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
const tokeniser = values.tokeniser ?? config.options.tokeniser;

const source = corpusFolder(values.corpus, config.corpus);
let { files } = await findDocuments(source, config.options.extensions, config.options.exclude);
const work = mkdtempSync(join(tmpdir(), 'hsframe-bench-'));
if (values.limit) {
  files = files.slice(0, Number(values.limit));
  for (const file of files) cpSync(file.path, join(work, 'corpus', file.id));
}
const folder = values.limit ? join(work, 'corpus') : source;
const { scorer } = await loadScorer(config.lexicons, tokeniser);
const seconds = (fn) => { const start = process.hrtime.bigint(); const result = fn(); return [Number(process.hrtime.bigint() - start) / 1e9, result]; };

// Stages alone, one thread, on documents already in memory. Ingest as a worker does it: blocking
// reads, then decoding and conversion (`readDocument`, with asynchronous reads, is timed apart).
const start = process.hrtime.bigint();
const sources = [];
for (const file of files) {
  const read = readFileBytesSync(file.path, file.id);
  const source = read.bytes && (await sourceFromBytes(read.bytes, file.path, file.id));
  if (source?.doc) sources.push(source.doc);
}
const ingestSeconds = Number(process.hrtime.bigint() - start) / 1e9;
const asyncStart = process.hrtime.bigint();
for (const file of files) await readDocument(file.path, file.id);
const asyncIngestSeconds = Number(process.hrtime.bigint() - asyncStart) / 1e9;
const bytes = sources.reduce((sum, doc) => sum + doc.bytes, 0);
// One classifier for the run, as the pipeline builds it (its per-form cache persists across documents).
const classifyDoc = createClassifier(scorer.lexicons);
sources.slice(0, 20).forEach((doc) => classifyDoc(tokenise(doc, { tokeniser, language: 'en' })));
// Per document, so memory stays flat on big corpora; each stage's time is summed.
let [tokeniseSeconds, classifySeconds, aggregateSeconds, matchRowsSeconds, tokens] = [0, 0, 0, 0, 0];
const rows = [];
for (const doc of sources) {
  const [t1, tokenised] = seconds(() => tokenise(doc, { tokeniser, language: 'en' }));
  const [t2, classified] = seconds(() => classifyDoc(tokenised));
  const [t3, row] = seconds(() => aggregate(classified, { categories: scorer.categories, lexiconVersion: scorer.lexiconVersion }));
  // A document's rows of matches.csv, as the worker that scores it makes them (not part of the classify + aggregate target).
  const [t4] = seconds(() => matchesCsvOf(classified));
  tokeniseSeconds += t1;
  classifySeconds += t2;
  aggregateSeconds += t3;
  matchRowsSeconds += t4;
  tokens += tokenised.wordCount;
  rows.push(row);
}
aggregateSeconds += seconds(() => toCsv(scoreHeader(scorer.categories), rows.map((row) => scoreCells(row, scorer.categories, { hasWholeHits: true }))))[0];

// Yardstick: plain wink-nlp as the pipeline configures it (same pipe, per paragraph, same token attributes read out).
// scan.v1 does not use wink-nlp: its yardstick is wink-fast.v1's configuration, the cheapest with the same validity.
const yardstickPipe = WINK_PIPES[tokeniser] ?? WINK_PIPES['wink-fast.v1'];
const nlp = winkNLP(model, [...yardstickPipe.pipe]);
const its = nlp.its;
const [winkSeconds] = seconds(() => {
  for (const doc of sources) for (const paragraph of doc.text.split(/\n[ \t\r]*\n/)) {
    const read = nlp.readDoc(paragraph);
    const list = read.tokens();
    list.out(its.value); list.out(its.type); list.out(its.precedingSpaces); list.out(its.negationFlag);
    if (yardstickPipe.hasLemmas) list.out(its.lemma);
    read.sentences().out(its.span);
  }
});
sources.length = 0;

// Lexicon size (scripts/lexicon-size.mjs): 200 documents, fifteen pairs of timings of fifty passes.
const sample = await tokenisedSample(files, 200, tokeniser);
const [sizeCostPlain, sizeCostRules] = [false, true].map((hasRules) => lexiconSizeCost(sample, { hasRules }));

// Whole pipeline as `hsframe run` does it, in a child process each: one thread, then all cores; then re-runs.
const out = join(work, 'out');
const runCli = (args, options) => timedRun(join(root, 'dist'), ['--corpus', folder, '--out', out, '--json', '--tokeniser', tokeniser, ...args], options);
// Each configuration three times, alternated, and the fastest run of each counts (peak RSS: the
// largest): the machine is shared, and a slow spell in one run would otherwise decide the
// comparison. The runs of one round follow each other, so their ratio is also given round by round.
// After each round, what two cores give at that moment to loops that share nothing
// (scripts/core-scaling.mjs): what the host itself takes from two busy cores then.
const ROUNDS = 3;
const runs = { one: [], oneCore: [], all: [], compute: [], reads: [] };
const probeSteps = { compute: stepsFor('compute', 0, 1), reads: stepsFor('reads', 4, 1) };
for (let round = 0; round < ROUNDS; round++) {
  runs.one.push(runCli(['--force', '--concurrency', '1']));
  runs.oneCore.push(runCli(['--force', '--concurrency', '1'], { isOneCore: true }));
  runs.all.push(runCli(['--force', '--concurrency', String(availableParallelism())]));
  runs.compute.push((await twoCoreRatio('compute', 0, probeSteps.compute)).ratio);
  runs.reads.push((await twoCoreRatio('reads', 4, probeSteps.reads)).ratio);
}
const fastest = (list) => {
  const best = list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { seconds: best.seconds, phases: best.phases, rssMb: Math.max(...list.map((run) => run.rssMb)), all: list.map((run) => run.seconds), cpu: list.map((run) => run.cpu) };
};
const [one, oneCore, all] = [fastest(runs.one), fastest(runs.oneCore), fastest(runs.all)];
// The runs above reuse one output folder whose stored results and tables already hold, byte for
// byte, what they make: those are not written again. After a lexicon change every stored result
// (a record per document in the packs) and every table is written again. Two copies of the lexicons that
// differ in a comment only (so they score alike, under another run key each) are used in turn,
// so each of these runs follows a change: one pinned to one core, then one on all cores, twice.
const variants = ['a', 'b'].map((name) => {
  const lexicons = config.lexicons.map((file) => {
    const copy = join(work, `lexicons-${name}`, basename(file));
    mkdirSync(dirname(copy), { recursive: true });
    writeFileSync(copy, `${readFileSync(file, 'utf8')}\n# bench copy ${name}: a lexicon change that scores alike\n`);
    return copy;
  });
  const pipeline = join(work, `pipeline-${name}.yaml`);
  writeFileSync(pipeline, `name: bench-${name}\ncorpus: ${JSON.stringify(folder)}\nlexicons: ${JSON.stringify(lexicons)}\noutput: ${JSON.stringify(join(work, 'out-changed'))}\noptions: ${JSON.stringify(config.options)}\n`);
  return pipeline;
});
const runChanged = (variant, threads, isOneCore) => timedRun(join(root, 'dist'), [variants[variant], '--json', '--tokeniser', tokeniser, '--concurrency', String(threads)], { isOneCore });
runChanged(0, availableParallelism(), false);
const changed = { oneCore: [], all: [] };
for (let round = 0; round < 2; round++) {
  changed.oneCore.push(runChanged(1, 1, true));
  changed.all.push(runChanged(0, availableParallelism(), false));
}
const [changedOneCore, changedAll] = [fastest(changed.oneCore), fastest(changed.all)];
const unchanged = runCli([]);
writeFileSync(join(folder, 'zz-bench-new-document.txt'), 'A new document about border control and the human rights of refugees.\n');
const oneNew = runCli([]);
rmSync(join(folder, 'zz-bench-new-document.txt'));
// Start-up as a user meets it: one bundled text scored by a new process (module loading, lexicon
// compilation from the shipped lexicons/kept.json, scoring, CSV), the fastest of three.
const startText = join(root, 'corpora/eu-migration/un-charter-1945.txt');
const scoreOneSeconds = Math.min(...Array.from({ length: 3 }, () => {
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(root, 'dist/cli/bin.js'), 'score', startText], { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`hsframe score exited with ${result.status ?? result.signal}`);
  return (performance.now() - started) / 1000;
}));

// What this machine gives two cores at this moment: the same scoring in one process, then split
// over two processes at once (no shared state at all), as scripts/cpu-by-thread.mjs does.
const scoreInProcess = (part) => scoreBare(part, { corpus: folder });
// Each round: [wall, CPU] seconds of the one process, and of the two at once (the slower's wall, their CPU together).
const bare = { whole: [], split: [] };
for (let round = 0; round < 2; round++) {
  bare.whole.push(await scoreInProcess('all'));
  const halves = await Promise.all([scoreInProcess('0'), scoreInProcess('1')]);
  bare.split.push([Math.max(...halves.map(([wall]) => wall)), halves[0][1] + halves[1][1]]);
}
const [wholeSeconds, splitSeconds] = [Math.min(...bare.whole.map(([wall]) => wall)), Math.min(...bare.split.map(([wall]) => wall))];
const bareCpuCost = (bare.split.reduce((sum, [, cpu], round) => sum + cpu / bare.whole[round][1] - 1, 0) / bare.split.length) * 100;
rmSync(work, { recursive: true, force: true });

// The serial phases (start-up, writing) and the scoring between them, of two runs: how far the
// scoring alone scales, and what the serial phases leave of it.
const phaseLine = (single, many) => {
  const [a, b] = [single.phases, many.phases];
  if (!a || !b) return 'not available (a run stopped before writing its outputs)';
  const part = (name, x, y) => `${name} ${x.toFixed(2)} and ${y.toFixed(2)} s`;
  return `${part('start-up until scoring began', a.start, b.start)}; ${part('scoring', a.scoring, b.scoring)} (${(a.scoring / b.scoring).toFixed(2)}×; of it, until the first document had settled, ${a.first_document.toFixed(2)} and ${b.first_document.toFixed(2)} s); ${part('writing', a.writing, b.writing)}; serial start-up and writing are ${(((b.start + b.writing) / many.seconds) * 100).toFixed(0)}% of the ${availableParallelism()}-thread run`;
};
const mb = bytes / 1e6;
const rate = (name, time) => `| ${name} | ${time.toFixed(2)} | ${(mb / time).toFixed(2)} | ${Math.round(tokens / time).toLocaleString('en-US')} |`;
console.log(`### ${values.corpus === 'bundled' ? 'Bundled corpus' : values.corpus === 'ungd' ? 'UN General Debate corpus' : values.corpus}${values.limit ? `, first ${values.limit} files` : ''}

${files.length} documents, ${mb.toFixed(1)} MB, ${tokens.toLocaleString('en-US')} word tokens; tokeniser ${tokeniser}; ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; lexicons ${scorer.lexiconVersion}.

| what | seconds | MB/s | tokens/s |
|---|---|---|---|
${rate('ingest alone (read, decode, convert), blocking reads as in the workers', ingestSeconds)}
${rate('…the same with asynchronous reads (`readDocument`)', asyncIngestSeconds)}
${rate(`tokenise alone (${tokeniser}: tokens, offsets, sentences, negation window, language${tokeniser === 'scan.v1' ? ', word stream' : ''})`, tokeniseSeconds)}
${rate('classify alone (both lexicons)', classifySeconds)}
${rate('aggregate + CSV alone', aggregateSeconds)}
${rate('rows of matches.csv alone (keyword in context, CSV cells, UTF-8), as a worker makes them', matchRowsSeconds)}
${rate(`**yardstick**: plain wink-nlp readDoc, pipe ${yardstickPipe.pipe.join(', ')}`, winkSeconds)}
${rate('whole pipeline, `hsframe run`, 1 thread', one.seconds)}
${rate('whole pipeline, `hsframe run`, 1 thread pinned to one core (`taskset -c 0`)', oneCore.seconds)}
${rate(`whole pipeline, \`hsframe run\`, ${availableParallelism()} threads`, all.seconds)}
${rate('whole pipeline after a lexicon change (every stored result and table written again), 1 thread pinned to one core', changedOneCore.seconds)}
${rate(`whole pipeline after a lexicon change, ${availableParallelism()} threads`, changedAll.seconds)}

Whole-pipeline rows: the fastest of ${ROUNDS} alternated runs (all runs: 1 thread ${one.all.map((x) => x.toFixed(2)).join(', ')} s; pinned ${oneCore.all.map((x) => x.toFixed(2)).join(', ')} s; ${availableParallelism()} threads ${all.all.map((x) => x.toFixed(2)).join(', ')} s). CPU of each run, user + system of all its threads (same order): 1 thread ${one.cpu.map((x) => x.toFixed(1)).join(', ')} s; pinned ${oneCore.cpu.map((x) => x.toFixed(1)).join(', ')} s; ${availableParallelism()} threads ${all.cpu.map((x) => x.toFixed(1)).join(', ')} s. These runs are forced re-runs into one output folder: the stored results and tables they make are already there, byte for byte, and are not written again. After a lexicon change they are (the fastest of two runs each, alternated: pinned ${changedOneCore.all.map((x) => x.toFixed(2)).join(', ')} s, CPU ${changedOneCore.cpu.map((x) => x.toFixed(1)).join(', ')} s; ${availableParallelism()} threads ${changedAll.all.map((x) => x.toFixed(2)).join(', ')} s, CPU ${changedAll.cpu.map((x) => x.toFixed(1)).join(', ')} s; \`--json\` phases of the fastest: ${phaseLine(changedOneCore, changedAll)}).

- classify + aggregate = ${(((classifySeconds + aggregateSeconds) / tokeniseSeconds) * 100).toFixed(1)}% of tokenise time (target ≤ 10%)
- whole pipeline on 1 thread = ${((winkSeconds / one.seconds) * 100).toFixed(0)}% of the yardstick's speed (target ≥ 85%; the run includes process start, model load and writing all outputs)
- ${availableParallelism()} threads = ${(oneCore.seconds / all.seconds).toFixed(2)}× one core, the fastest runs (round by round: ${runs.oneCore.map((run, round) => `${(run.seconds / runs.all[round].seconds).toFixed(2)}×`).join(', ')}; target ≥ 1.8×; CPU of ${availableParallelism()} threads against the pinned run ${signed((median(all.cpu) / median(oneCore.cpu) - 1) * 100)}%, medians of the rounds; the machine gave ${(wholeSeconds / splitSeconds).toFixed(2)}× on the same scoring split over two processes at once, the faster of two alternated runs: ${wholeSeconds.toFixed(1)} s against ${splitSeconds.toFixed(1)} s, with ${signed(bareCpuCost)}% CPU, the rounds' mean), ${(one.seconds / all.seconds).toFixed(2)}× one thread (whose main thread, garbage collector and file system already use the other core); end to end ${(mb / all.seconds).toFixed(2)} MB/s (target ≥ 6.4, twice quanteda's 3.2)
- what two cores gave, right after each round's runs, to loops that share nothing (\`scripts/core-scaling.mjs\`: one process alone, then two at once): registers only ${runs.compute.map((ratio) => `${ratio.toFixed(2)}×`).join(', ')}; random reads in 4 MB ${runs.reads.map((ratio) => `${ratio.toFixed(2)}×`).join(', ')}
- where the time of the fastest pinned and ${availableParallelism()}-thread runs went (\`--json\` phases): ${phaseLine(oneCore, all)}
- peak RSS: ${one.rssMb.toFixed(0)} MB on 1 thread, ${all.rssMb.toFixed(0)} MB on ${availableParallelism()} threads
- re-run, nothing changed: ${unchanged.seconds.toFixed(2)} s (${((unchanged.seconds / all.seconds) * 100).toFixed(1)}% of the full run; target < 5%); one new document: ${oneNew.seconds.toFixed(2)} s
- start-up: one bundled text scored by a new process (\`hsframe score corpora/eu-migration/un-charter-1945.txt\`), ${scoreOneSeconds.toFixed(2)} s, the fastest of three
- lexicon size: classify with a 10,000-entry generated lexicon against a 100-entry one: ${sizeCostPlain.median}% (target ≤ +10%; median of fifteen pairs timed back to back, ${sizeCostPlain.range}); ${sizeCostRules.median}% with an exclusion and a proximity rule on every other entry of both (${sizeCostRules.range})
`);
