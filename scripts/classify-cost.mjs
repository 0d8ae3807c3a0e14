#!/usr/bin/env node
// Classify alone, on documents tokenised beforehand: milliseconds per pass (the fastest and the
// median of fifteen), nanoseconds per word, how many words the start filter lets the matchers
// try, how many term walks go through the trie's nodes, and how many rule-word lookups each
// build makes.
// Usage: node scripts/classify-cost.mjs [--corpus bundled|ungd|DIR] [--skip N] [--limit N] [--against DIST] [--against-lexicons DIR] [--fresh] [--cold] [--again]
// --skip passes over the first N documents (in id order) and takes the next `--limit`: the UN
// corpus's later sessions hold about twice as many hits a word as its first ones, and each hit costs.
// --against times another build's dist folder (e.g. an earlier commit, built) in the same
// process, its passes alternated with this build's, and checks that both find the same hits.
// --against-lexicons times this build with other versions of the bundled lexicons (DIR holds a
// security-frames.yaml and an undp-human-security.yaml, e.g. from `git show COMMIT:lexicons/…`),
// alternated with the bundled ones as --against does; the hits then differ as the lexicons do.
// --fresh tokenises every document again before it is classified, as a run does (the
// classifier then meets each document's words cold); with --against, each build tokenises it
// and the two builds classify in turn, the first alternating from document to document.
// --cold gives every pass new lexicons and a new classifier (built before the pass, not timed),
// which meet every word form for the first time, as a run's one pass over a corpus does; it
// implies --fresh.
// --again (with --fresh or --cold) classifies each document a second time right after the first,
// and times that apart: the same work with the matchers' rows and the document's words in the
// caches, and every word form already met.
// The build set up first (this one) has come out 4-6% slower than the same code set up second:
// run the comparison from both builds (each build's script --against the other) to cancel that.
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusFolder } from './corpus-folder.mjs';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'ungd' }, skip: { type: 'string', default: '0' }, limit: { type: 'string', default: '800' }, against: { type: 'string' }, 'against-lexicons': { type: 'string' }, fresh: { type: 'boolean', default: false }, cold: { type: 'boolean', default: false }, again: { type: 'boolean', default: false } } });
if (values.cold) values.fresh = true;
const root = new URL('..', import.meta.url).pathname;
const PASSES = 15;

/**
 * A build's classifier and the documents its own tokeniser made (form numbers belong to one
 * build): kept for repeated passes; with --fresh, made again when asked for (a heap holding
 * every tokenised document would slow what it measures).
 */
async function setUp(dist, lexiconDir) {
  const hsframe = await import(join(dist, 'index.js'));
  const { config } = await hsframe.loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
  const lexiconFiles = lexiconDir ? config.lexicons.map((file) => join(lexiconDir, basename(file))) : config.lexicons;
  const { scorer } = await hsframe.loadScorer(lexiconFiles, 'scan.v1');
  let { files } = await hsframe.findDocuments(corpusFolder(values.corpus, config.corpus), config.options.extensions, config.options.exclude);
  files = files.slice(Number(values.skip), Number(values.skip) + Number(values.limit));
  const sources = [];
  for (const file of files) {
    const read = await hsframe.readDocument(file.path, file.id);
    if (read.doc) sources.push(read.doc);
  }
  const tokenise = (source) => hsframe.tokenise(source, { tokeniser: 'scan.v1', language: 'en' });
  const kept = values.fresh ? undefined : sources.map(tokenise);
  const docAt = (index) => kept?.[index] ?? tokenise(sources[index]);
  const classify = hsframe.createClassifier(scorer.lexicons);
  sources.forEach((_, index) => classify(docAt(index)));
  // Lexicons read again in this thread compile their word steps when first used: that is done here, untimed, as a worker does at its start.
  const renew = async () => {
    const { lexicons } = (await hsframe.loadScorer(lexiconFiles, 'scan.v1')).scorer;
    for (const lexicon of lexicons) lexicon.prepare?.();
    return hsframe.createClassifier(lexicons);
  };
  return { dist, hsframe, scorer, sources, tokenise, docAt, classify, renew, passes: [], againPasses: [] };
}

const builds = [{ name: 'this build', ...(await setUp(join(root, 'dist'))) }];
if (values.against) builds.push({ name: values.against, ...(await setUp(values.against)) });
if (values['against-lexicons']) builds.push({ name: `this build, lexicons of ${values['against-lexicons']}`, ...(await setUp(join(root, 'dist'), values['against-lexicons'])) });
const timed = (build, doc) => {
  const start = performance.now();
  build.classify(doc);
  return performance.now() - start;
};
for (let pass = 0; pass < PASSES; pass++) {
  if (values.fresh) {
    if (values.cold) for (const build of builds) build.classify = await build.renew();
    const spent = builds.map(() => 0);
    const again = builds.map(() => 0);
    builds[0].sources.forEach((source, index) => {
      const fresh = builds.map((build) => build.tokenise(source));
      const order = (index + pass) % 2 === 0 ? builds.keys() : [...builds.keys()].reverse();
      for (const b of order) {
        spent[b] += timed(builds[b], fresh[b]);
        if (values.again) again[b] += timed(builds[b], fresh[b]);
      }
    });
    builds.forEach((build, b) => {
      build.passes.push(spent[b]);
      build.againPasses.push(again[b]);
    });
    continue;
  }
  for (const build of builds) {
    const start = performance.now();
    build.sources.forEach((_, index) => build.classify(build.docAt(index)));
    build.passes.push(performance.now() - start);
  }
}
const { hsframe, scorer, sources, docAt } = builds[0];
const words = sources.reduce((sum, _, index) => sum + docAt(index).wordCount, 0);
const hits = sources.reduce((sum, _, index) => sum + builds[0].classify(docAt(index)).hits.length, 0);
console.log(`${sources.length} documents, ${words.toLocaleString('en-US')} words, ${((hits * 1000) / words).toFixed(1)} hits per 1,000 words; classify${values.fresh ? ' of freshly tokenised documents' : ''}, ${PASSES} passes${builds.length > 1 ? ' of each build, alternated' : ''}:`);
for (const build of builds) {
  const sorted = [...build.passes].sort((a, b) => a - b);
  const [best, median] = [sorted[0], sorted[Math.floor(sorted.length / 2)]];
  console.log(`  ${build.name}: fastest ${best.toFixed(0)} ms a pass (${((best * 1e6) / words).toFixed(1)} ns a word), median ${median.toFixed(0)} ms`);
  if (values.again && values.fresh) {
    const again = [...build.againPasses].sort((a, b) => a - b);
    console.log(`  ${build.name}, each document classified again at once: fastest ${again[0].toFixed(0)} ms a pass (${((again[0] * 1e6) / words).toFixed(1)} ns a word), median ${again[Math.floor(again.length / 2)].toFixed(0)} ms`);
  }
}
if (builds.length > 1) {
  const other = builds[1];
  const differ = sources.findIndex((_, index) => JSON.stringify(builds[0].classify(docAt(index)).hits) !== JSON.stringify(other.classify(other.docAt(index)).hits));
  console.log(differ < 0 ? '  hits: identical' : `  hits: differ first in ${sources[differ].id}`);
}

if (scorer.lexicons.every((lexicon) => lexicon.roleOf)) {
  const { ROLE_ALONE, ROLE_FIRST, ROLE_LATER } = await import(join(root, 'dist/document.js'));
  // Words where some lexicon can start a term, and those the two-word filter keeps: the term can
  // be the word alone, or it goes on with the next word (no break between them).
  let [starting, tried] = [0, 0];
  for (let index = 0; index < sources.length; index++) {
    const stream = hsframe.buildWordStream(docAt(index));
    const roleAt = (lexicon, i) => lexicon.roleOf(stream.keys[i], stream.lemmas[i]);
    for (let i = 0; i < stream.keys.length; i++) {
      const roles = scorer.lexicons.map((lexicon) => roleAt(lexicon, i));
      if (!roles.some((role) => (role & (ROLE_ALONE | ROLE_FIRST)) !== 0)) continue;
      starting += 1;
      const next = i + 1 < stream.keys.length && !stream.breakBefore[i + 1] ? i + 1 : -1;
      if (roles.some((role, index) => (role & ROLE_ALONE) !== 0 || ((role & ROLE_FIRST) !== 0 && next >= 0 && (roleAt(scorer.lexicons[index], next) & ROLE_LATER) !== 0))) tried += 1;
    }
  }
  console.log(`words where a term can start: ${((starting / words) * 100).toFixed(1)}%; tried after the two-word filter: ${((tried / words) * 100).toFixed(1)}%`);
}

// Term walks in one more pass of this build, and those that went through the trie's nodes (the
// others read one row by word form).
const { TermTrie } = await import(join(root, 'dist/lexicon/trie.js'));
if (TermTrie.prototype.walkNodes) {
  const proto = TermTrie.prototype;
  const { walk, walkNodes } = proto;
  let [walks, throughNodes] = [0, 0];
  proto.walk = function (...args) {
    walks += 1;
    return walk.apply(this, args);
  };
  proto.walkNodes = function (...args) {
    throughNodes += 1;
    return walkNodes.apply(this, args);
  };
  sources.forEach((_, index) => builds[0].classify(docAt(index)));
  Object.assign(proto, { walk, walkNodes });
  console.log(`term walks: ${walks.toLocaleString('en-US')}, of which through the trie's nodes: ${throughNodes.toLocaleString('en-US')}`);
}

// Rule-word lookups (a word of a rule's window or of an exclusion phrase looked up in the rows
// by form) in one more pass of each build.
for (const build of builds) {
  const { RuleWords } = await import(join(build.dist, 'lexicon/rule-words.js'));
  const proto = RuleWords.prototype;
  const looksUp = ['has', 'copyBits'].filter((name) => typeof proto[name] === 'function');
  const originals = looksUp.map((name) => proto[name]);
  let lookups = 0;
  looksUp.forEach((name, index) => {
    proto[name] = function (...args) {
      lookups += 1;
      return originals[index].apply(this, args);
    };
  });
  build.sources.forEach((_, index) => build.classify(build.docAt(index)));
  looksUp.forEach((name, index) => (proto[name] = originals[index]));
  console.log(`rule-word lookups, ${build.name}: ${lookups.toLocaleString('en-US')}`);
}
