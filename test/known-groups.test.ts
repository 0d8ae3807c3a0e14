import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { ScoreRow } from '../src/document.js';
import { findDocuments } from '../src/ingest/index.js';
import { BUNDLED_LEXICONS, DEFAULT_INGEST_SETTINGS, loadScorer, scoreFiles } from '../src/index.js';

// Known-groups validity: corpora/eu-migration/SOURCES.md marks each text, before scoring,
// as 1 state-centric, 2 people-centric, 3 mixed or 4 other/control.
const CORPUS = fileURLToPath(new URL('../corpora/eu-migration', import.meta.url));

async function expectedGroups(): Promise<Map<string, string>> {
  const lines = (await readFile(`${CORPUS}/SOURCES.md`, 'utf8')).split('\n').filter((line) => line.startsWith('|'));
  const header = lines[0].split('|').map((cell) => cell.trim());
  const [fileColumn, groupColumn] = [header.indexOf('File'), header.indexOf('Cat.')];
  return new Map(lines.slice(2).map((line) => line.split('|').map((cell) => cell.trim())).map((cells) => [cells[fileColumn], cells[groupColumn]]));
}

describe('known groups (SOURCES.md categories)', async () => {
  const groups = await expectedGroups();
  const { scorer } = await loadScorer(BUNDLED_LEXICONS);
  const { files } = await findDocuments(CORPUS, ['.txt']);
  const { rows } = await scoreFiles(files, { scorer: scorer!, ingest: DEFAULT_INGEST_SETTINGS, concurrency: 1 });
  const byGroup = (group: string) => rows.filter((row) => groups.get(row.docId) === group);
  const frameRate = (row: ScoreRow) => (row.per1k.state_centric ?? 0) + (row.per1k.people_centric ?? 0);

  test('SOURCES.md marks all 12 texts', () => {
    expect([...groups.keys()].sort()).toEqual(files.map((file) => file.id));
  });

  test('every state-centric text has a lower framing index than every people-centric text', () => {
    const state = byGroup('1').map((row) => [row.docId, row.framingIndex ?? Number.NaN] as const);
    const people = byGroup('2').map((row) => [row.docId, row.framingIndex ?? Number.NaN] as const);
    expect(state.length).toBe(3);
    expect(people.length).toBe(3);
    const highestState = Math.max(...state.map(([, index]) => index));
    const lowestPeople = Math.min(...people.map(([, index]) => index));
    expect(highestState, JSON.stringify({ state, people })).toBeLessThan(lowestPeople);
  });

  test('the control text has under a fifth of the median frame-language rate of the others', () => {
    const control = rows.find((row) => row.docId === 'eu-digital-markets-act-2022-1925.txt')!;
    const others = rows.filter((row) => row !== control).map(frameRate).sort((a, b) => a - b);
    const median = (others[5] + others[6]) / 2;
    expect(frameRate(control)).toBeLessThan(median / 5);
  });
});
