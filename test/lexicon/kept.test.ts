import { execFileSync, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, test, vi } from 'vitest';
import { addKeptLexicons, keptLexicons, parseLexicon } from '../../src/lexicon/index.js';
import { BUNDLED_LEXICONS } from '../../src/pipeline/index.js';
import { textSource } from '../../src/index.js';
import { createScorer } from '../../src/pipeline/scorer.js';

const yaml = (term: string) => `name: kept\nversion: 1.0.0\nlanguage: en\ndescription: d\ncategories:\n  borders:\n    label: Borders\n    description: d\n    entries:\n      - {term: ${term}, source: test}\n`;

describe('lexicons kept between runs', () => {
  test('a bundled lexicon compiled from its kept spec scores as one parsed from its bytes', async () => {
    const bytes = await readFile(BUNDLED_LEXICONS[0]);
    const parsed = parseLexicon(BUNDLED_LEXICONS[0], bytes);
    const kept = JSON.parse(keptLexicons()) as { lexicons: [string, { spec: unknown }][] };
    const [, stored] = kept.lexicons.find(([id]) => id.startsWith(`${BUNDLED_LEXICONS[0]}\u0000`))!;
    expect(stored.spec).toEqual(JSON.parse(JSON.stringify(parsed.spec)));
    // Read back under the same key, the same bytes compile from the kept spec: the same matches.
    expect(addKeptLexicons(JSON.stringify(kept))).toBe(kept.lexicons.length);
    const again = parseLexicon(BUNDLED_LEXICONS[0], bytes);
    const doc = textSource('Border guards turned back refugees; human rights were not respected at the frontier.', 'a.txt');
    const score = (lexicon: typeof parsed.lexicon) => createScorer([lexicon!], 'scan.v1').score(doc).doc.hits;
    expect(score(again.lexicon)).toEqual(score(parsed.lexicon));
    expect(score(parsed.lexicon).length).toBeGreaterThan(0);
  });

  test('are used for the same file and bytes only, under the same key, and never with errors', () => {
    parseLexicon('kept.yaml', yaml('frontier'));
    const kept = JSON.parse(keptLexicons()) as { key: string; lexicons: [string, { spec: { categories: { borders: { entries: { term: string }[] } } }; issues: unknown[] }][] };
    const index = kept.lexicons.findIndex(([id]) => id.startsWith('kept.yaml\u0000'));
    // A kept spec that says "moat": only a kept spec can make these bytes match it.
    const tampered = structuredClone(kept);
    tampered.lexicons[index][1].spec.categories.borders.entries[0].term = 'moat';
    const matchesMoat = (file: string) => createScorer([parseLexicon(file, yaml('frontier')).lexicon!], 'scan.v1').score(textSource('A moat.', 'a.txt')).doc.hits.length === 1;

    expect(addKeptLexicons(JSON.stringify({ ...tampered, key: 'other' }))).toBe(0);
    expect(matchesMoat('kept.yaml')).toBe(false);
    expect(addKeptLexicons('{"key": broken')).toBe(0);
    // An error among the kept issues: not kept.
    const withError = structuredClone(tampered);
    withError.lexicons[index][1].issues = [{ code: 'X', severity: 'error', message: 'm', file: 'kept.yaml' }];
    expect(addKeptLexicons(JSON.stringify({ key: kept.key, lexicons: [withError.lexicons[index]] }))).toBe(0);
    expect(matchesMoat('kept.yaml')).toBe(false);

    expect(addKeptLexicons(JSON.stringify(tampered))).toBe(kept.lexicons.length);
    expect(matchesMoat('kept.yaml')).toBe(true);
    // Other bytes, or another file with these bytes: parsed afresh.
    expect(createScorer([parseLexicon('kept.yaml', yaml('frontiers')).lexicon!], 'scan.v1').score(textSource('A moat.', 'a.txt')).doc.hits).toEqual([]);
    expect(matchesMoat('other.yaml')).toBe(false);
  });

  test('are only those a run asked for, and are written again only when those changed', async () => {
    /** The lexicon module as a new run loads it. */
    const fresh = async () => {
      vi.resetModules();
      return import('../../src/lexicon/index.js');
    };
    const ids = (text: string) => (JSON.parse(text) as { lexicons: [string][] }).lexicons.map(([id]) => id.split('\u0000')[0]);
    const first = await fresh();
    first.parseLexicon('a.yaml', yaml('alpha'));
    first.parseLexicon('b.yaml', yaml('beta'));
    const text = first.keptLexicons();
    expect(ids(text)).toEqual(['a.yaml', 'b.yaml']);

    // The same lexicons again: nothing to write.
    const same = await fresh();
    expect(same.addKeptLexicons(text)).toBe(2);
    same.parseLexicon('a.yaml', yaml('alpha'));
    expect(same.keptLexiconsChanged()).toBe(true);
    same.parseLexicon('b.yaml', yaml('beta'));
    expect(same.keptLexiconsChanged()).toBe(false);

    // b.yaml edited: its new version is kept, its old one dropped, and one not asked for is left out.
    const edited = await fresh();
    edited.addKeptLexicons(text);
    edited.parseLexicon('b.yaml', yaml('betas'));
    expect(edited.keptLexiconsChanged()).toBe(true);
    const kept = JSON.parse(edited.keptLexicons()) as { lexicons: [string, { spec: { categories: { borders: { entries: { term: string }[] } } } }][] };
    expect(kept.lexicons.map(([id, value]) => [id.split('\u0000')[0], value.spec.categories.borders.entries[0].term])).toEqual([['b.yaml', 'betas']]);
  });

  test('a kept lexicon works out its inflections only when it first matches or is prepared for workers, the same ones', async () => {
    vi.resetModules();
    const first = await import('../../src/lexicon/index.js');
    const inflected = yaml('deport').replace('source: test}', 'source: test, inflect: true}');
    first.parseLexicon('inflected.yaml', inflected);
    const inflections = first.knownInflections();
    expect(inflections.deport).toContain('deported');
    const text = first.keptLexicons();

    for (const use of ['match', 'prepare'] as const) {
      vi.resetModules();
      const again = await import('../../src/lexicon/index.js');
      expect(again.addKeptLexicons(text)).toBe(1);
      const { lexicon } = again.parseLexicon('inflected.yaml', inflected);
      expect(again.knownInflectionCount()).toBe(0);
      expect(lexicon!.entryCount).toBe(1);
      if (use === 'prepare') lexicon!.prepare();
      else expect(createScorer([lexicon!], 'scan.v1').score(textSource('They were deported.', 'a.txt')).doc.hits).toHaveLength(1);
      expect(again.knownInflections()).toEqual(inflections);
    }
  });
});

describe('the kept file shipped with the bundled lexicons (lexicons/kept.json)', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));

  test('is what this build writes from the bundled lexicons', () => {
    // After a lexicon edit, or a change to the code that reads lexicons: `npm run validate` writes it again.
    const check = spawnSync(process.execPath, ['scripts/kept-lexicons.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  test('compiles the bundled lexicons, as the build reads them, without parsing them or loading compromise; a copy elsewhere is parsed', () => {
    const script = `
      import { readFileSync } from 'node:fs';
      import { createRequire } from 'node:module';
      import { tmpdir } from 'node:os';
      import { join } from 'node:path';
      import { keptLexiconsChanged, parseLexicon } from './dist/lexicon/index.js';
      import { BUNDLED_LEXICONS } from './dist/pipeline/package-info.js';
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('/compromise/'));
      for (const file of BUNDLED_LEXICONS) parseLexicon(file, readFileSync(file)).lexicon.prepare();
      const shipped = { isChanged: keptLexiconsChanged(), hasCompromise: loaded() };
      parseLexicon(join(tmpdir(), 'security-frames.yaml'), readFileSync(BUNDLED_LEXICONS[0]));
      const copy = { isChanged: keptLexiconsChanged(), hasCompromise: loaded() };
      parseLexicon('other.yaml', ${JSON.stringify(yaml('gerrymander').replace('source: test}', 'source: test, inflect: true}'))});
      console.log(JSON.stringify({ shipped, copy, other: { hasCompromise: loaded() } }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    // Every lexicon asked for came from kept text, and no word needed inflecting. The copy is
    // parsed, its words' inflections known; a word no bundled lexicon has loads compromise.
    expect(JSON.parse(out)).toEqual({ shipped: { isChanged: false, hasCompromise: false }, copy: { isChanged: true, hasCompromise: false }, other: { hasCompromise: true } });
  });
});
