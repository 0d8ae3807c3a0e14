#!/usr/bin/env node
// Ingest alone, on bytes read beforehand: milliseconds per pass to convert the corpus into
// documents (`sourceFromBytes`: decode, tidy, title; the content hash given), and to tidy the
// decoded texts alone (`tidyParagraphs`), the fastest and the median of --rounds passes, the
// first left out. With --against, another build's dist folder (e.g. an earlier commit, built)
// is timed in the same process, passes alternated, and both must give the same documents.
// Usage: node scripts/ingest-cost.mjs [--corpus ungd|bundled|DIR] [--limit N] [--rounds R] [--against DIST]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusFolder } from './corpus-folder.mjs';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'ungd' }, limit: { type: 'string' }, rounds: { type: 'string', default: '5' }, against: { type: 'string' } } });
const root = new URL('..', import.meta.url).pathname;
const dists = [join(root, 'dist'), ...(values.against ? [values.against] : [])];
const builds = await Promise.all(dists.map(async (dist) => ({ name: dist, ingest: await import(join(dist, 'ingest/index.js')), tidy: (await import(join(dist, 'ingest/html-to-text.js'))).tidyParagraphs, convert: [], tidied: [] })));
const { findDocuments, loadPipeline } = await import(join(root, 'dist/index.js'));
const { config } = await loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
let { files } = await findDocuments(corpusFolder(values.corpus, config.corpus), config.options.extensions, config.options.exclude);
if (values.limit) files = files.slice(0, Number(values.limit));
const inputs = files.map((file) => ({ file, bytes: readFileSync(file.path) }));
const texts = inputs.map(({ bytes }) => builds[0].ingest.decodeText(bytes)).filter((decoded) => 'text' in decoded).map((decoded) => decoded.text);

/** Convert every input with a build; `onDocument` is given each result (when comparing builds, untimed). */
async function convertAll(build, onDocument = () => {}) {
  for (const { file, bytes } of inputs) onDocument(await build.ingest.sourceFromBytes(bytes, file.path, file.id, '-'));
}

/** A build's documents, one by one: title and text, or the issue's code. */
async function documentsOf(build) {
  const documents = [];
  await convertAll(build, (read) => documents.push(read.doc ? `${read.doc.title}\u0000${read.doc.text}` : read.issue.code));
  return documents;
}

const rounds = Number(values.rounds);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? builds : [...builds].reverse();
  for (const build of order) {
    let start = performance.now();
    await convertAll(build);
    build.convert.push(performance.now() - start);
    start = performance.now();
    for (const text of texts) build.tidy(text);
    build.tidied.push(performance.now() - start);
  }
}
const megabytes = inputs.reduce((sum, { bytes }) => sum + bytes.length, 0) / 1e6;
console.log(`${inputs.length} files, ${megabytes.toFixed(1)} MB; ${rounds} passes${builds.length > 1 ? ' of each build, alternated' : ''}, the first left out:`);
const summary = (times) => {
  const sorted = times.slice(1).sort((a, b) => a - b);
  return `fastest ${sorted[0].toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms`;
};
for (const build of builds) console.log(`  ${build.name}: convert ${summary(build.convert)}; tidy alone ${summary(build.tidied)}`);
if (builds.length > 1) {
  const [mine, theirs] = [await documentsOf(builds[0]), await documentsOf(builds[1])];
  const differ = mine.findIndex((document, index) => document !== theirs[index]);
  console.log(differ < 0 ? '  documents: identical' : `  documents: differ first in ${inputs[differ].file.id}`);
}
