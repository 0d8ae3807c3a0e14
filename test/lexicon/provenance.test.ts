import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

const at = (path: string) => fileURLToPath(new URL(`../../lexicons/${path}`, import.meta.url));
const codebook = readFileSync(at('CODEBOOK.md'), 'utf8');
/** Lower case, without emphasis, quotes or brackets, white space as single spaces (a quote may span the codebook's line ends). */
const plain = (text: string) => text.replace(/[*"()]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
const plainCodebook = plain(codebook);
const sections = new Set([...codebook.matchAll(/^## (\d+)\./gm)].map((match) => match[1]));
const SEEDS = ['000_5496a5343ad9a40a.txt', '003_ea72e8f52836dc26.txt'];

interface Entry {
  readonly term: string;
  readonly source: string;
}
const entries = ['security-frames.yaml', 'undp-human-security.yaml'].flatMap((file) => {
  const spec = parse(readFileSync(at(file), 'utf8')) as { categories: Record<string, { entries: Entry[] }> };
  return Object.values(spec.categories).flatMap((category) => category.entries.map((entry) => ({ file, ...entry })));
});

describe('provenance of the bundled lexicons', () => {
  test('every entry cites a section of the shipped codebook or a seed paper by its file name', () => {
    const unsourced = entries.filter(({ source }) => {
      const cited = [...source.matchAll(/§\s*(\d+)/g)].map((match) => match[1]);
      const seeds = [...source.matchAll(/seeds?[ /](\S+?\.txt)/g)].map((match) => match[1]);
      return (cited.length === 0 && seeds.length === 0) || cited.some((section) => !sections.has(section)) || seeds.some((seed) => !SEEDS.includes(seed));
    });
    expect(entries.length).toBeGreaterThan(900);
    expect(sections).toEqual(new Set(['1', '2', '3']));
    expect(unsourced.map(({ file, term }) => `${file}: ${term}`)).toEqual([]);
  });

  test("what a source quotes from the codebook ('codebook §N …: 'words'') is the codebook's words, item by item", () => {
    const misquoted: string[] = [];
    let quotes = 0;
    for (const { file, term, source } of entries) {
      for (const clause of source.split(';')) {
        const quoted = /^\s*codebook §\d[^:']*:\s*'(.+?)'(?=\s|$|,|\))/.exec(clause);
        if (!quoted) continue;
        quotes += 1;
        // A quote may leave words out (…), add the codebook's decision after an arrow, or join listed items with commas.
        const items = quoted[1].split(/\.\.\.|…|→[^,]*/).flatMap((part) => part.split(',')).map(plain).filter((item) => item !== '');
        const missing = items.filter((item) => !plainCodebook.includes(item));
        if (missing.length > 0) misquoted.push(`${file}: ${term}: ${missing.join(' | ')}`);
      }
    }
    expect(quotes).toBeGreaterThan(800);
    expect(misquoted).toEqual([]);
  });

  // The seed papers are not shipped (their authors' text): checked where the project's shared research materials lie beside the repository, as in CI.
  const seedsDir = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
  test.skipIf(!existsSync(seedsDir))('what a source quotes from a seed paper is in that paper', () => {
    const unquoted = (text: string) => plain(text.replace(/['‘’“”]/g, ''));
    const papers = new Map(SEEDS.map((seed) => [seed, unquoted(readFileSync(`${seedsDir}${seed}`, 'utf8'))]));
    const misquoted: string[] = [];
    let quotes = 0;
    for (const { file, term, source } of entries) {
      for (const quoted of source.matchAll(/seeds?[ /](\S+?\.txt):?\s*'(.+?)'(?=\s|$|,|\)|;)/g)) {
        quotes += 1;
        const parts = quoted[2].split(/\.\.\.|…/).map(unquoted).filter((part) => part !== '');
        if (!parts.every((part) => papers.get(quoted[1])?.includes(part))) misquoted.push(`${file}: ${term}: ${quoted[2]}`);
      }
    }
    expect(quotes).toBeGreaterThan(90);
    expect(misquoted).toEqual([]);
  });
});
