import { describe, expect, test } from 'vitest';
import { progressReporter } from '../../src/cli/progress.js';

const events = [
  { phase: 'find' },
  { phase: 'score', done: 0, total: 2, cached: 0, failed: 0, bytes: 0 },
  { phase: 'score', done: 1, total: 2, cached: 1, failed: 0, bytes: 10 },
  { phase: 'score', done: 2, total: 2, cached: 1, failed: 0, bytes: 20 },
  { phase: 'write' },
  { phase: 'done' },
] as const;

describe('progress', () => {
  test('not a terminal: one line per phase, for cron logs', () => {
    const lines: string[] = [];
    const report = progressReporter({ write: (text) => lines.push(text), isTerminal: false }, 'run x');
    for (const event of events) report(event);
    const text = lines.join('');
    expect(text).not.toContain('\r');
    expect(text.split('\n').filter(Boolean).map((line) => line.replace(/\(.*?\)|in [\d.]+ s/g, ''))).toEqual([
      'hsframe run x: finding documents ',
      'hsframe run x: scoring 2 documents',
      'hsframe run x: scoring done: 2 documents  ',
      'hsframe run x: writing outputs ',
      'hsframe run x: done ',
    ]);
  });

  test('a terminal: a redrawn bar with documents/s and ETA', () => {
    const lines: string[] = [];
    const report = progressReporter({ write: (text) => lines.push(text), isTerminal: true }, 'run x');
    for (const event of events) report(event);
    const bars = lines.filter((line) => line.startsWith('\r'));
    expect(bars.at(-1)).toMatch(/^\r\[#{28}\] 2\/2 {2}[\d.]+ docs\/s {2}ETA 0s {2}1 reused {2}0 failed/);
  });
});
