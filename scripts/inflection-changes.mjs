#!/usr/bin/env node
// Inflection changes: the forms that `inflect: true` makes of the lexicons' words (terms,
// exclusions and proximity words) with this build and with another build's dist folder (e.g. an
// earlier commit, built), and how often each form that only one of them makes occurs as a word of
// a corpus, as the matcher reads it (the tokeniser's normal form, hyphens removed). A form that
// never occurs cannot change a score there; one that does is listed with its count, for a look at
// how it is used (`grep -rw FORM DIR`). Run it when the inflection code, compromise, natural or
// WordNet change. Each build inflects each lexicon in a child process of its own, so the figures
// of one lexicon do not depend on the others.
// Usage: node scripts/inflection-changes.mjs --against DIST [--corpus bundled|ungd|DIR] [--lexicon FILE]... [--all]
// (--all also lists the changed forms that never occur.)
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusFolder } from './corpus-folder.mjs';

const { values } = parseArgs({ options: { against: { type: 'string' }, corpus: { type: 'string', default: 'bundled' }, lexicon: { type: 'string', multiple: true }, all: { type: 'boolean', default: false }, child: { type: 'string' } } });
const root = new URL('..', import.meta.url).pathname;

if (values.child) {
  // In a child: the inflections that build `values.child` works out when it compiles one lexicon.
  const { loadLexicon } = await import(join(values.child, 'index.js'));
  const { knownInflections } = await import(join(values.child, 'lexicon/index.js'));
  const { lexicon, issues } = await loadLexicon(values.lexicon[0]);
  if (!lexicon) throw new Error(issues.map((issue) => issue.message).join('\n'));
  process.stdout.write(JSON.stringify(knownInflections()));
  process.exit(0);
}

if (!values.against) throw new Error('inflection-changes needs --against DIST (another build’s dist folder)');
const { BUNDLED_LEXICONS, findDocuments, loadPipeline, readDocument, tokenise } = await import(join(root, 'dist/index.js'));
const builds = [{ name: 'this build', dist: join(root, 'dist') }, { name: values.against, dist: values.against }];
/** Word → forms, as one build inflects one lexicon's words. */
const inflect = (dist, file) => JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', dist, '--lexicon', file], { encoding: 'utf8', maxBuffer: 1 << 28 }));

/** Each changed form: the words it is a form of, and which build makes it. */
const changed = new Map();
const note = (form, word, build) => changed.set(form, (changed.get(form) ?? new Set()).add(`${word} > ${form} (only ${build})`));
console.log(`forms of the lexicons' words beyond the words themselves, ${builds[1].name} → this build:`);
for (const file of values.lexicon ?? BUNDLED_LEXICONS) {
  const [now, before] = builds.map((build) => inflect(build.dist, file));
  const words = [...new Set([...Object.keys(now), ...Object.keys(before)])].sort();
  const beyond = (table) => words.reduce((sum, word) => sum + (table[word] ?? [word]).length - 1, 0);
  let [dropped, added] = [0, 0];
  for (const word of words) {
    const [nowForms, beforeForms] = [new Set(now[word] ?? [word]), new Set(before[word] ?? [word])];
    for (const form of beforeForms) if (!nowForms.has(form)) (dropped++, note(form, word, builds[1].name));
    for (const form of nowForms) if (!beforeForms.has(form)) (added++, note(form, word, builds[0].name));
  }
  console.log(`  ${basename(file)}: ${words.length} words; ${beyond(before)} → ${beyond(now)} forms; ${dropped} made only by ${builds[1].name}, ${added} only by this build`);
}

const { config } = await loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
const folder = corpusFolder(values.corpus, config.corpus);
const { files } = await findDocuments(folder, config.options.extensions, config.options.exclude);
const counts = new Map([...changed.keys()].map((form) => [form, { words: 0, documents: 0 }]));
for (const file of files) {
  const read = await readDocument(file.path, file.id);
  if (!read.doc) continue;
  const { tokens } = tokenise(read.doc, { tokeniser: config.options.tokeniser, language: 'en' });
  const seen = new Set();
  for (let i = 0; i < tokens.length; i++) {
    const count = tokens.isWord(i) && counts.get(tokens.norm(i).replaceAll('-', ''));
    if (!count) continue;
    count.words++;
    seen.add(count);
  }
  for (const count of seen) count.documents++;
}
const rows = [...changed].map(([form, notes]) => ({ form, notes, ...counts.get(form) })).sort((a, b) => b.words - a.words || (a.form < b.form ? -1 : 1));
const occurring = rows.filter((row) => row.words > 0);
console.log(`changed forms: ${rows.length}; occurring as words in ${folder} (${files.length} documents): ${occurring.length}`);
for (const row of values.all ? rows : occurring) console.log(`  ${[...row.notes].join(', ')}: ${row.words}× in ${row.documents} documents`);
