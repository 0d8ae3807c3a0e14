import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exportLiwc, exportQuanteda, parseLexicon } from '../../src/lexicon/index.js';
import { createScorer } from '../../src/pipeline/index.js';
import { runCli } from '../pipeline/cli-process.js';
import { lexiconYaml, matchedTexts, scorerFrom } from './helpers.js';

// An entry's `also`: the categories of its lexicon it counts in besides its own, each with the
// source that justifies it there.
const S = 'source: test';

describe('an entry counted in several categories (also)', () => {
  test('a match counts in its own category and in each category that also names, once each', () => {
    const scorer = scorerFrom({ community: `- {term: apartheid, ${S}, also: {political: "codebook §2 political"}}`, political: `- {term: democracy, ${S}}` });
    expect(matchedTexts(scorer, 'Apartheid denies democracy. Apartheid must end.')).toEqual(['community:Apartheid', 'political:Apartheid', 'political:democracy', 'community:Apartheid', 'political:Apartheid']);
  });

  test('its rules hold in every category: an exclusion or a proximity rule cancels all of its matches', () => {
    const scorer = scorerFrom({ community: `- {term: apartheid, exclude: [anti-apartheid], near: {terms: [system, policy], window: 3}, ${S}, also: {political: p}}`, political: `- {term: democracy, ${S}}` });
    expect(matchedTexts(scorer, 'The policy of apartheid. An anti-apartheid system. Apartheid ended.')).toEqual(['community:apartheid', 'political:apartheid']);
  });

  test("each category's own negation setting applies to its count", () => {
    const { lexicon, issues } = parseLexicon('t.yaml', lexiconYaml({ a: `- {term: war, ${S}, also: {b: s}}`, b: `- {term: peace, ${S}}` }, ['b']));
    expect(issues).toEqual([]);
    expect(matchedTexts(createScorer([lexicon!]), 'There was no war.')).toEqual(['!a:war', 'b:war']);
  });

  test.for([
    ['its own category', `- {term: war, ${S}, also: {a: s}}`, 'also names its own category a'],
    ['a category the lexicon does not have', `- {term: war, ${S}, also: {political: s}}`, 'also names political, which is not a category of this lexicon (a)'],
  ] as const)('also naming %s is an error that names the entry', ([, entries, message]) => {
    const { lexicon, issues } = parseLexicon('t.yaml', lexiconYaml({ a: entries }));
    expect(lexicon).toBeUndefined();
    expect(issues[0]).toMatchObject({ code: 'LEXICON_INVALID', file: 't.yaml', line: 10 });
    expect(issues[0].message).toContain(message);
  });

  test('a source is needed for each category it names', () => {
    const { lexicon, issues } = parseLexicon('t.yaml', lexiconYaml({ a: `- {term: war, ${S}, also: {b: ""}}`, b: `- {term: peace, ${S}}` }));
    expect(lexicon).toBeUndefined();
    expect(issues[0]).toMatchObject({ code: 'LEXICON_INVALID' });
    expect(issues[0].message).toContain('must not be empty');
  });

  test('listing the term in the other category as well is still a duplicate', () => {
    const { lexicon, issues } = parseLexicon('t.yaml', lexiconYaml({ a: `- {term: war, ${S}, also: {b: s}}`, b: `- {term: war, ${S}}` }));
    expect(lexicon).toBeUndefined();
    expect(issues[0]).toMatchObject({ code: 'LEXICON_DUPLICATE_TERM' });
  });

  test('exports list the term under every category it counts in', () => {
    const { spec, issues } = parseLexicon('t.yaml', lexiconYaml({ a: `- {term: war, ${S}, also: {b: s}}`, b: `- {term: peace, ${S}}` }));
    expect(issues).toEqual([]);
    expect(exportLiwc(spec!)).toBe('%\n1\ta\n2\tb\n%\nwar\t1\t2\npeace\t2\n');
    expect(exportQuanteda(spec!)).toContain('a:\n  - war\nb:\n  - war\n  - peace\n');
  });

  test('lexicon show counts the entries each category lists, and names those it counts by another entry\'s also', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hsframe-also-'));
    try {
      const file = join(dir, 't.yaml');
      await writeFile(file, lexiconYaml({ a: `- {term: war, ${S}, also: {b: s}}\n- {term: fight, ${S}}`, b: `- {term: peace, ${S}}` }));
      const { code, stdout } = await runCli(['lexicon', 'show', file]);
      expect(code).toBe(0);
      expect(stdout).toContain('  a                   2 entries  a\n  b                   1 entries  b (and 1 of another category\'s, by also)\n  total               3 entries\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
