#!/usr/bin/env node
// Benchmark: time each stage and the whole pipeline on a corpus, with plain wink-nlp as yardstick.
// Usage: npm run bench -- [--corpus bundled|ungd|DIR] [--limit N]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { aggregate, classify, findDocuments, loadPipeline, readDocument, runPipeline, scoreCells, toCsv, tokenise, loadScorer, scoreHeader } from '../dist/index.js';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'bundled' }, limit: { type: 'string' } } });
const root = new URL('..', import.meta.url).pathname;
const { config } = await loadPipeline(join(root, 'pipelines/eu-migration.yaml'));

function corpusFolder(name) {
  if (name === 'bundled') return config.corpus;
  if (name !== 'ungd') return name;
  const folder = join(tmpdir(), 'hsframe-bench-ungd');
  if (!existsSync(join(folder, 'TXT'))) {
    mkdirSync(folder, { recursive: true });
    execFileSync('tar', ['-xJf', join(root, '../shared/bench/ungd.tar.xz'), '-C', folder]);
  }
  return folder;
}

const folder = corpusFolder(values.corpus);
let { files } = await findDocuments(folder, config.options.extensions, config.options.exclude);
if (values.limit) files = files.slice(0, Number(values.limit));
const { scorer } = await loadScorer(config.lexicons);
const time = (fn) => { const start = process.hrtime.bigint(); const result = fn(); return [Number(process.hrtime.bigint() - start) / 1e9, result]; };
const timeAsync = async (fn) => { const start = process.hrtime.bigint(); const result = await fn(); return [Number(process.hrtime.bigint() - start) / 1e9, result]; };

// Stage by stage, one thread.
const [ingestSeconds, sources] = await timeAsync(async () => { const docs = []; for (const file of files) { const read = await readDocument(file.path, file.id); if (read.doc) docs.push(read.doc); } return docs; });
const bytes = sources.reduce((sum, doc) => sum + doc.bytes, 0);
const [tokeniseSeconds, tokenised] = time(() => sources.map((doc) => tokenise(doc)));
const tokens = tokenised.reduce((sum, doc) => sum + doc.wordCount, 0);
const [classifySeconds, classified] = time(() => tokenised.map((doc) => classify(doc, scorer.lexicons)));
const [aggregateSeconds] = time(() => { const rows = classified.map((doc) => aggregate(doc, { categories: scorer.categories, lexiconVersion: scorer.lexiconVersion })); return toCsv(scoreHeader(scorer.categories), rows.map((row) => scoreCells(row, scorer.categories, { hasWholeHits: true }))); });

// Yardstick: plain wink-nlp readDoc as the pipeline configures it (same pipe, per paragraph, same its read out).
const nlp = winkNLP(model, ['sbd', 'negation', 'pos']);
const its = nlp.its;
const [winkSeconds] = time(() => { for (const doc of sources) for (const paragraph of doc.text.split(/\n[ \t\r]*\n/)) { const d = nlp.readDoc(paragraph); const t = d.tokens(); t.out(its.value); t.out(its.type); t.out(its.lemma); t.out(its.precedingSpaces); t.out(its.negationFlag); d.sentences().out(its.span); } });

// Whole pipeline, as `hsframe run` does it.
const out = mkdtempSync(join(tmpdir(), 'hsframe-bench-out-'));
const [runSeconds] = await timeAsync(() => runPipeline(config, { corpus: folder, output: out }));
rmSync(out, { recursive: true, force: true });

const mb = bytes / 1e6;
const row = (name, seconds) => `| ${name} | ${seconds.toFixed(2)} | ${(mb / seconds).toFixed(2)} | ${Math.round(tokens / seconds).toLocaleString('en-US')} |`;
console.log(`corpus: ${values.corpus} (${folder}), ${sources.length} documents, ${mb.toFixed(2)} MB, ${tokens.toLocaleString('en-US')} word tokens`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}; lexicons: ${scorer.lexiconVersion}`);
console.log('\n| stage (one thread) | seconds | MB/s | tokens/s |\n|---|---|---|---|');
console.log(row('ingest (read, decode, convert)', ingestSeconds));
console.log(row('tokenise (wink-nlp)', tokeniseSeconds));
console.log(row('classify (all lexicons)', classifySeconds));
console.log(row('aggregate + CSV', aggregateSeconds));
console.log(row('yardstick: plain wink-nlp readDoc, same pipe', winkSeconds));
console.log(row('whole pipeline (`hsframe run`)', runSeconds));
console.log(`\nclassify + aggregate = ${(((classifySeconds + aggregateSeconds) / tokeniseSeconds) * 100).toFixed(1)}% of tokenise; pipeline = ${((winkSeconds / runSeconds) * 100).toFixed(0)}% of the yardstick's speed; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
