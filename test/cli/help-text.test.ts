import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { EVALUATE_HELP } from '../../src/cli/evaluate-command.js';
import { EXPLAIN_HELP } from '../../src/cli/explain-command.js';
import { LEXICON_HELP } from '../../src/cli/lexicon-command.js';
import { MERGE_HELP } from '../../src/cli/merge-command.js';
import { REPORT_HELP } from '../../src/cli/report-command.js';
import { RUN_HELP } from '../../src/cli/run-command.js';
import { SCORE_HELP } from '../../src/cli/score-command.js';

const HELPS = { evaluate: EVALUATE_HELP, explain: EXPLAIN_HELP, lexicon: LEXICON_HELP, merge: MERGE_HELP, report: REPORT_HELP, run: RUN_HELP, score: SCORE_HELP };
/** What a terminal of common width shows without wrapping. */
const MAX_WIDTH = 92;

test.each(Object.entries(HELPS))(`hsframe %s --help fits a terminal ${MAX_WIDTH} characters wide, and its options line up`, (_, help) => {
  const lines = help.split('\n');
  expect(lines.filter((line) => line.length > MAX_WIDTH)).toEqual([]);
  // Each option's description starts in one column, shared by the command's own options and the CSV ones.
  const columns = new Set(lines.filter((line) => /^ {2}-/.test(line)).map((line) => /^ {2}\S+(?: \S+)? +/.exec(line)![0].length));
  expect(columns.size).toBeLessThanOrEqual(1);
});

test('the commands lexicon --help and README say take --lexicon have it', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  // "--lexicon of score and evaluate": the commands listed right after it.
  for (const text of [LEXICON_HELP, readme]) {
    for (const [, list] of text.matchAll(/--lexicon`? of ((?:`?[a-z]+`?(?:, | and )?)+)/g)) {
      const commands = list.split(/[^a-z]+/).filter((word) => word in HELPS);
      expect(commands.length, list).toBeGreaterThan(0);
      for (const command of commands) expect(HELPS[command as keyof typeof HELPS], `${command} in "${list}"`).toContain('--lexicon FILE');
    }
  }
});

test('evaluate --help says what an undefined figure prints and does to the averages and intervals, and the range of --resamples', () => {
  expect(EVALUATE_HELP).toMatch(/precision when nothing is predicted,[^]*cohen_kappa when chance agreement is 1/);
  expect(EVALUATE_HELP).toMatch(/is an empty cell, and left out of the macro\s+average/);
  expect(EVALUATE_HELP).toMatch(/bootstrap interval is taken over the resamples where it is defined, and is empty when\s+fewer than half of them are/);
  expect(EVALUATE_HELP).toMatch(/--resamples N +resamples for --ci: 100 to 1000000 \(default 2000\)/);
});

test.each(Object.entries(HELPS))('hsframe %s --help states its exit codes', (_, help) => {
  expect(help).toMatch(/^ *Exit /m);
});

test.for(['show', 'lint', 'export'])('hsframe lexicon --help states the exit codes of %s', (sub) => {
  const start = LEXICON_HELP.indexOf(`\n  ${sub} `);
  const end = LEXICON_HELP.slice(start + 1).search(/\n {2}\w|\n\n/);
  expect(LEXICON_HELP.slice(start, start + 1 + end)).toMatch(/Exit /);
});
