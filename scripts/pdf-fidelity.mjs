#!/usr/bin/env node
// Scores each text of the bundled corpus as typeset PDF against the text itself: every text is
// printed to a PDF as a journal prints it (justified, hyphenated, a running header and page
// numbers on every page; test/fixtures/formats/make-layout-pdf.py, which needs Debian's chromium
// and python3-pyphen), both folders are scored with `hsframe run`, and the rows are compared:
// tokens, sentences, hits of every category and the framing index.
// Usage: node scripts/pdf-fidelity.mjs [--keep]   (--keep leaves the temp folder and names it)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
const corpus = join(root, 'corpora/eu-migration');
const work = mkdtempSync(join(tmpdir(), 'hsframe-pdf-fidelity-'));
const pdfs = join(work, 'pdf');
mkdirSync(pdfs);
const texts = readdirSync(corpus).filter((name) => name.endsWith('.txt')).sort();
for (const name of texts) {
  const stem = basename(name, '.txt');
  execFileSync('/usr/bin/python3', [join(root, 'test/fixtures/formats/make-layout-pdf.py'), join(corpus, name), join(pdfs, `${stem}.pdf`), stem]);
}
const score = (folder, out) => {
  execFileSync(process.execPath, [join(root, 'dist/cli/bin.js'), 'run', '--corpus', folder, '--out', out, '--force', '--quiet']);
  const rows = parse(readFileSync(join(out, 'scores.csv')), { columns: true });
  return new Map(rows.map((row) => [row.doc_id.replace(/\.(txt|pdf)$/, ''), row]));
};
const fromText = score(corpus, join(work, 'out-txt'));
const fromPdf = score(pdfs, join(work, 'out-pdf'));
const counts = ['tokens', 'sentences', ...Object.keys(fromText.values().next().value).filter((column) => column.endsWith('_hits') && column !== 'negated_hits'), 'negated_hits'];
const totals = Object.fromEntries(counts.map((column) => [column, [0, 0]]));
let [sameHits, largestShift] = [0, 0];
console.log(`| document | ${counts.join(' | ')} | framing index |`);
console.log(`|---|${counts.map(() => '---|').join('')}---|`);
for (const [id, text] of fromText) {
  const pdf = fromPdf.get(id);
  if (!pdf) throw new Error(`${id}: no PDF row`);
  const cells = counts.map((column) => {
    totals[column][0] += Number(text[column] || 0);
    totals[column][1] += Number(pdf[column] || 0);
    return text[column] === pdf[column] ? '=' : `${text[column]} → ${pdf[column]}`;
  });
  if (counts.filter((column) => column.endsWith('_hits')).every((column) => text[column] === pdf[column])) sameHits += 1;
  const shift = Math.abs(Number(pdf.framing_index || 0) - Number(text.framing_index || 0));
  largestShift = Math.max(largestShift, shift);
  console.log(`| ${id} | ${cells.join(' | ')} | ${text.framing_index === pdf.framing_index ? '=' : `${text.framing_index} → ${pdf.framing_index}`} |`);
}
console.log(`| all | ${counts.map((column) => `${totals[column][0]} → ${totals[column][1]}`).join(' | ')} | |`);
console.log(`\n${fromText.size} documents; every hit count the same in ${sameHits}; largest |Δ framing index| ${largestShift.toFixed(4)}.`);
if (values.keep) console.log(`PDFs and outputs in ${work}`);
else rmSync(work, { recursive: true, force: true });
