#!/usr/bin/env node
// `hsframe lexicon lint` on generated lexicons, in seconds (wall time of the command, the
// fastest of --rounds): "mixed", 4 categories of --entries / 4 words, wildcards and two-word
// phrases each (a third of each kind, every term its own), and "one first word", 2 categories
// whose --entries / 2 phrases each all start with "border" (the case the lint's indexes cannot
// narrow: every earlier entry is tried). With --against, another build's dist folder (e.g. an
// earlier commit, built) lints the same files, the builds alternated, and both must print the same.
// Usage: node scripts/lint-cost.mjs [--entries N] [--rounds R] [--against DIST]. Needs a build.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' }, against: { type: 'string' } } });
const entries = Number(values.entries);
const root = new URL('..', import.meta.url).pathname;

/** A lexicon of `categories` categories, entry `i` of category `c` being `term(c, i)`. */
const lexicon = (categories, term) => {
  const lines = ['name: generated', 'version: 1.0.0', 'language: en', 'description: generated', 'categories:'];
  for (let c = 0; c < categories; c++) {
    lines.push(`  c${c}:`, `    label: c${c}`, `    description: c${c}`, '    entries:');
    for (let i = 0; i < entries / categories; i++) lines.push(`      - {term: "${term(c, i)}", source: generated}`);
  }
  return `${lines.join('\n')}\n`;
};
const LEXICONS = {
  mixed: lexicon(4, (c, i) => {
    const word = `w${c}${i}x`;
    return i % 3 === 0 ? `${word}*` : i % 3 === 1 ? `${word} ${word}y` : word;
  }),
  'one first word': lexicon(2, (c, i) => `border q${c}x${i}`),
};

const work = mkdtempSync(join(tmpdir(), 'hsframe-lint-cost-'));
try {
  const builds = [join(root, 'dist'), ...(values.against ? [values.against] : [])];
  for (const [name, text] of Object.entries(LEXICONS)) {
    const file = join(work, `${name.replaceAll(' ', '-')}.yaml`);
    writeFileSync(file, text);
    const times = builds.map(() => []);
    const outputs = builds.map(() => new Set());
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const [index, dist] of (round % 2 === 0 ? builds : [...builds].reverse()).entries()) {
        const at = round % 2 === 0 ? index : builds.length - 1 - index;
        const start = performance.now();
        const output = execFileSync(process.execPath, [join(dist, 'cli/bin.js'), 'lexicon', 'lint', file], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
        times[at].push((performance.now() - start) / 1000);
        outputs[at].add(output.replaceAll(file, 'FILE'));
      }
    }
    const same = builds.length === 1 || new Set(outputs.flatMap((set) => [...set])).size === 1;
    console.log(`${name}, ${entries.toLocaleString('en-US')} entries: ${builds.map((dist, i) => `${dist}: ${Math.min(...times[i]).toFixed(2)} s`).join('; ')}${builds.length > 1 ? `; output ${same ? 'identical' : 'DIFFERENT'}` : ''}`);
    if (!same) process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
