#!/usr/bin/env node
// Where classify's time goes, part by part: a copy of the build (in a temp folder) whose
// classifier can leave out, by an environment variable, more and more of its work: the hit
// records; the entries' rules too; every step after a term walk (no matches); the walks
// themselves (the candidate scan alone). `classify-cost.mjs` times the copy at each step, the
// steps alternated round by round, the fastest pass counting; a part is the difference between
// two steps (the host's noise can make a small one negative: take more rounds).
// Usage: node scripts/classify-parts.mjs [--corpus ungd|bundled|DIR] [--skip N] [--limit N] [--cold] [--rounds N]
// Needs a build (`npm run build`). The parts, in ns a word: the candidate scan (the classifier
// with no walks); the walks; ordering each walk's finds and recording matches; the rules; the
// hit records. Without --cold, each pass classifies the same tokenised documents again (the
// matchers' rows are warm); with --cold, every pass has new lexicons and a new classifier and
// classifies freshly tokenised documents, as a run's one pass does.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusFolder } from './corpus-folder.mjs';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'ungd' }, skip: { type: 'string', default: '0' }, limit: { type: 'string', default: '1500' }, cold: { type: 'boolean', default: false }, rounds: { type: 'string', default: '3' } } });
const root = new URL('..', import.meta.url).pathname;
const copy = mkdtempSync(join(tmpdir(), 'hsframe-classify-parts-'));

/** Replace `from` by `to` in a file of the copy, once; fails when the build no longer has `from`. */
function patch(file, from, to) {
  const path = join(copy, 'dist', file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`classify-parts: ${file} no longer has ${JSON.stringify(from)}; update this script to the build`);
  writeFileSync(path, text.replace(from, to));
}

/** Steps: what each leaves out (HSFRAME_LEAVE_OUT in the copy), each more than the one before. */
const VARIANTS = ['nothing', 'hits', 'rules', 'after-walks', 'walks'];
const rows = new Map(VARIANTS.map((variant) => [variant, []]));
try {
  cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true });
  cpSync(join(root, 'scripts'), join(copy, 'scripts'), { recursive: true });
  for (const name of ['node_modules', 'package.json', 'pipelines', 'lexicons', 'corpora']) symlinkSync(join(root, name), join(copy, name));
  const leaveOut = 'const LEAVE_OUT = process.env.HSFRAME_LEAVE_OUT;\n';
  patch('classify/classify.js', 'for (let index = 0; index < lexicons.length; index++) {', "for (let index = 0; index < (LEAVE_OUT === 'walks' ? 0 : lexicons.length); index++) {");
  // Without hit records: each match is recorded as its entry (no object made) and the lexicons' lists are not merged.
  const isWithoutHits = "(LEAVE_OUT === 'hits' || LEAVE_OUT === 'rules')";
  patch('classify/classify.js', 'mergeByPosition(hits, found)', `(${isWithoutHits} ? found : mergeByPosition(hits, found))`);
  for (const entry of ['entry', 'twin']) patch('lexicon/compile-lexicon.js', `record(words, start, end, ${entry})`, `(${isWithoutHits} ? ${entry} : record(words, start, end, ${entry}))`);
  patch('lexicon/compile-lexicon.js', '        trie.walk(words, start, found);\n', "        trie.walk(words, start, found);\n        if (LEAVE_OUT === 'after-walks') continue;\n");
  patch('lexicon/compile-lexicon.js', 'function isCounted(words, start, end, entry, ruleWords, neighbours) {\n', "function isCounted(words, start, end, entry, ruleWords, neighbours) {\n    if (LEAVE_OUT === 'rules') return true;\n");
  for (const file of ['classify/classify.js', 'lexicon/compile-lexicon.js']) patch(file, 'import ', `${leaveOut}import `);
  const corpus = corpusFolder(values.corpus, join(root, 'corpora/eu-migration'));
  const args = [join(copy, 'scripts/classify-cost.mjs'), '--corpus', corpus, '--skip', values.skip, '--limit', values.limit, ...(values.cold ? ['--cold'] : [])];
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const variant of VARIANTS) {
      const out = execFileSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, HSFRAME_LEAVE_OUT: variant }, maxBuffer: 1 << 24 });
      const fastest = /fastest \d+ ms a pass \(([\d.]+) ns a word\)/.exec(out);
      if (!fastest) throw new Error(`classify-parts: no timing in\n${out}`);
      rows.get(variant).push(Number(fastest[1]));
      console.error(`round ${round + 1}, leaving out ${variant}: ${fastest[1]} ns a word`);
    }
  }
} finally {
  rmSync(copy, { recursive: true, force: true });
}
const best = (variant) => Math.min(...rows.get(variant));
const whole = best('nothing');
const parts = [
  ['hit records', whole - best('hits')],
  ["entries' rules", best('hits') - best('rules')],
  ['ordering finds, recording matches', best('rules') - best('after-walks')],
  ['term walks', best('after-walks') - best('walks')],
  ['candidate scan (no walks)', best('walks')],
];
console.log(`classify by part, ${values.cold ? 'cold (new classifier, freshly tokenised documents)' : 'warm (the same documents again)'}, ${values.limit} documents from ${values.skip}, fastest of ${values.rounds} rounds; ns a word:`);
console.log(`  whole classify: ${whole.toFixed(1)}`);
for (const [name, ns] of parts) console.log(`  ${name}: ${ns.toFixed(1)}`);
