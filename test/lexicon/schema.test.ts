import { describe, expect, test } from 'vitest';
import { parseLexicon } from '../../src/lexicon/index.js';

const HEAD = 'name: t\nversion: 1.0.0\nlanguage: en\ndescription: d\ncategories:\n  a:\n    label: A\n    description: d\n    entries:\n';

describe('lexicon validation', () => {
  test.for([
    ['weight not a number', '      - term: border\n        weight: high\n        source: s\n', 'LEXICON_INVALID', 11, 17, 'weight must be a number >= 0, got "high"'],
    ['negative weight', '      - term: border\n        weight: -1\n        source: s\n', 'LEXICON_INVALID', 11, 17, 'weight must be a number >= 0, got -1'],
    ['unknown key', '      - term: border\n        sauce: s\n        source: s\n', 'LEXICON_INVALID', 10, 9, 'sauce'],
    ['missing source', '      - term: border\n', 'LEXICON_INVALID', 10, 9, 'source'],
    ['empty term', '      - term: ""\n        source: s\n', 'LEXICON_INVALID', 10, 15, 'term must not be empty'],
    ['duplicate term', '      - {term: Border, source: s}\n      - {term: border, source: s}\n', 'LEXICON_DUPLICATE_TERM', 11, 16, 'already an entry'],
    ['lone wildcard', '      - {term: "*", source: s}\n', 'LEXICON_EMPTY_TERM', 10, 16, 'a * may only end a word'],
    ['exclusion without the term', '      - {term: security, exclude: [social policy], source: s}\n', 'LEXICON_BAD_EXCLUSION', 10, 36, 'does not contain the term'],
    ['bad YAML', '      - {term: border, source: s\n', 'LEXICON_YAML', 11, 1, 'YAML syntax'],
  ] as const)('%s', ([, entries, code, line, column, message]) => {
    const { lexicon, issues } = parseLexicon('x.yaml', HEAD + entries);
    expect(lexicon).toBeUndefined();
    expect(issues[0]).toMatchObject({ code, file: 'x.yaml', line, column });
    expect(issues[0].message).toContain(message);
  });

  test('a valid lexicon compiles, with defaults', () => {
    const { lexicon, spec, issues } = parseLexicon('x.yaml', `${HEAD}      - {term: border, source: s}\n`);
    expect(issues).toEqual([]);
    expect(lexicon?.categories.map((category) => category.id)).toEqual(['a']);
    expect(spec?.categories.a.entries[0]).toMatchObject({ weight: 1, inflect: false, exclude: [] });
    expect(lexicon?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a term whose inflected variants are too many is reported when the lexicon is read, not when it first matches', () => {
    // Each inflected word is several forms and a lemma: six of them multiply past what one term may expand to.
    const { lexicon, issues } = parseLexicon('x.yaml', `${HEAD}      - {term: run walk jump talk sing dance, inflect: true, source: s}\n`);
    expect(lexicon).toBeUndefined();
    expect(issues).toMatchObject([{ code: 'LEXICON_INVALID', file: 'x.yaml', severity: 'error' }]);
    expect(issues[0].message).toMatch(/cannot compile: term "run walk jump talk sing dance" has too many inflected variants/);
    expect(parseLexicon('y.yaml', `${HEAD}      - {term: run walk jump, inflect: true, source: s}\n`).lexicon).toBeDefined();
  });
});
