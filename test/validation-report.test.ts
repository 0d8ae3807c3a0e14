import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { BUNDLED_LEXICONS, evaluate, loadScorer, readGold } from '../src/index.js';

// VALIDATION.md is what users cite: it must describe the lexicons as they are. A lexicon edit
// without `npm run validate` fails here.
const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const report = readFileSync(root('VALIDATION.md'), 'utf8');
const { scorer } = await loadScorer(BUNDLED_LEXICONS);

/** The rows `label → [support, predicted, tp, fp, fn]` of the first table after `heading`. */
function tableAfter(heading: string): Map<string, number[]> {
  const start = report.indexOf(`\n${heading}`);
  expect(start, `VALIDATION.md has no "${heading}"`).toBeGreaterThanOrEqual(0);
  const rows = new Map<string, number[]>();
  for (const line of report.slice(start).split('\n').slice(2)) {
    if (line.startsWith('#')) break;
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length > 7 && /^\d+$/.test(cells[2])) rows.set(cells[1], cells.slice(2, 7).map(Number));
  }
  return rows;
}

describe('VALIDATION.md', () => {
  test('names the bundled lexicons by version and hash', () => {
    expect(report).toContain(`**Lexicons:** \`${scorer!.lexiconVersion}\``);
  });

  test.for([
    ['test/gold/dev.csv', '## Whole set'],
    ['test/gold/dev2.csv', '### Whole (440 sentences)'],
    ['test/gold/dev3.csv', '## Third development set'],
    ['test/gold/dev4.csv', '## Fourth development set'],
  ] as const)('%s: its whole-set counts are those the lexicons give now', async ([file, heading]) => {
    const { gold } = await readGold(root(file), scorer!.categories.map((category) => category.id));
    const result = evaluate(gold!, scorer!, 'all');
    const table = tableAfter(heading);
    for (const metric of result.metrics) {
      expect(table.get(metric.label), `${file} ${metric.label}`).toEqual([metric.support, metric.predicted, metric.tp, metric.fp, metric.fn]);
    }
  });
});
