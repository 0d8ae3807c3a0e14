import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const script = new URL('../../scripts/adjacent-matches.mjs', import.meta.url).pathname;
const HEADER = 'doc_id,sentence,start,end,lexicon,category,entry,matched_text,negated,weight,kwic';
const row = (doc: string, sentence: number, start: number, end: number, category: string, entry: string, negated = 0) =>
  `${doc},${sentence},${start},${end},lex,${category},${entry},${entry},${negated},1,"…"`;

test('counts counted matches next to another of their category in their sentence, and names the pairs of entries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hsframe-adjacent-'));
  try {
    const rows = [
      row('a.txt', 0, 0, 6, 'community', 'racial'), // "racial discrimination": a pair
      row('a.txt', 0, 7, 21, 'community', 'discriminat*'),
      row('a.txt', 0, 40, 46, 'community', 'racism'), // 19 characters after the last: not next to it
      row('a.txt', 0, 47, 52, 'personal', 'abuse'), // another category
      row('a.txt', 1, 0, 6, 'community', 'racial'), // another sentence: no pair with the match before
      row('a.txt', 1, 7, 21, 'community', 'discriminat*', 1), // negated: not counted
      row('b.txt', 0, 0, 3, 'health', 'hiv'), // "HIV/AIDS": a pair
      row('b.txt', 0, 4, 8, 'health', 'aids'),
    ];
    writeFileSync(join(dir, 'matches.csv'), `${[HEADER, ...rows].join('\n')}\n`);
    const out = execFileSync(process.execPath, [script, dir], { encoding: 'utf8' });
    expect(out.split('\n')[0]).toBe('8 matches; 2 stand at most 12 characters after another counted match of their category in their sentence (25.0%)');
    expect(out).toContain('| 1 | community: racial + discriminat* |\n| 1 | health: hiv + aids |\n');
    expect(out.match(/^\| \d+ \|/gm)).toHaveLength(2);
    expect(execFileSync(process.execPath, [script, dir, '--gap', '19'], { encoding: 'utf8' })).toContain('| 1 | community: discriminat* + racism |');
    // Of the two counted matches of `racial`, the first stands before `discriminat*`; of `lex:aids`, the one after `hiv`.
    const byEntry = execFileSync(process.execPath, [script, dir, '--entries', 'racial,lex:aids,abuse'], { encoding: 'utf8' }).split('\n')[1];
    expect(byEntry).toBe('4 counted matches of racial, lex:aids, abuse; 2 stand at most 12 characters from another counted match of their category (50.0%)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
