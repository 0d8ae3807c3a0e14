import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { lintLexicons, parseLexicon } from '../../src/lexicon/index.js';

const HEAD = 'name: t\nversion: 1.0.0\nlanguage: en\ndescription: d\ncategories:\n  a:\n    label: A\n    description: d\n    entries:\n';

describe('lexicon validation', () => {
  test.for([
    ['weight not a number', '      - term: border\n        weight: high\n        source: s\n', 'LEXICON_INVALID', 11, 17, 'weight must be a number from 0 to 1,000,000 with at most 3 decimals (hits are written with 3), got "high"'],
    ['negative weight', '      - term: border\n        weight: -1\n        source: s\n', 'LEXICON_INVALID', 11, 17, 'weight must be a number from 0 to 1,000,000 with at most 3 decimals (hits are written with 3), got -1'],
    ['a weight that is not a finite number', '      - term: border\n        weight: .nan\n        source: s\n', 'LEXICON_INVALID', 11, 17, 'weight must be a number from 0 to 1,000,000 with at most 3 decimals (hits are written with 3), got NaN'],
    ['a weight too large for a number', '      - term: border\n        weight: 1e400\n        source: s\n', 'LEXICON_INVALID', 11, 17, 'weight must be a number from 0 to 1,000,000 with at most 3 decimals (hits are written with 3), got Infinity'],
    // Hits are written with 3 decimals: a finer weight would make matches.csv's weights not add up to them.
    ['a weight with more than 3 decimals', '      - term: border\n        weight: 0.1237\n        source: s\n', 'LEXICON_INVALID', 11, 17, 'weight must be a number from 0 to 1,000,000 with at most 3 decimals (hits are written with 3), got 0.1237'],
    ['a weight over 1,000,000', '      - term: border\n        weight: 1e21\n        source: s\n', 'LEXICON_INVALID', 11, 17, 'weight must be a number from 0 to 1,000,000 with at most 3 decimals (hits are written with 3), got 1e+21'],
    ['unknown key: placed at the key', '      - term: border\n        sauce: s\n        source: s\n', 'LEXICON_INVALID', 11, 9, 'sauce'],
    ['missing source', '      - term: border\n', 'LEXICON_INVALID', 10, 9, 'source'],
    ['empty term', '      - term: ""\n        source: s\n', 'LEXICON_INVALID', 10, 15, 'term must not be empty'],
    ['duplicate term', '      - {term: Border, source: s}\n      - {term: border, source: s}\n', 'LEXICON_DUPLICATE_TERM', 11, 16, 'already an entry'],
    ['lone wildcard', '      - {term: "*", source: s}\n', 'LEXICON_EMPTY_TERM', 10, 16, 'a * may only end a word'],
    ['exclusion without the term', '      - {term: security, exclude: [social policy], source: s}\n', 'LEXICON_BAD_EXCLUSION', 10, 36, 'does not contain the term'],
    ['exclusion with an inflected form of a term that is not inflected', '      - {term: conflict, exclude: [conflicting views], source: s}\n', 'LEXICON_BAD_EXCLUSION', 10, 36, 'does not contain the term'],
    ['a character no word contains', '      - {term: "bord(er", source: s}\n', 'LEXICON_UNMATCHABLE_TERM', 10, 16, 'term "bord(er" contains "(", which no word contains, so it can never match'],
    ['a number', '      - {term: 100 guards, source: s}\n', 'LEXICON_UNMATCHABLE_TERM', 10, 16, 'term "100 guards" has "100", a number, which is never a word token, so it can never match'],
    ['a number joined by a hyphen', '      - {term: 2015-16, source: s}\n', 'LEXICON_UNMATCHABLE_TERM', 10, 16, 'a number, which is never a word token'],
    ['a word that starts with a hyphen', '      - {term: "-pre", source: s}\n', 'LEXICON_UNMATCHABLE_TERM', 10, 16, 'which starts with a hyphen'],
    ['a word that ends with a hyphen', '      - {term: post-, source: s}\n', 'LEXICON_UNMATCHABLE_TERM', 10, 16, 'which ends with a hyphen'],
    ['a word that ends in a period', '      - {term: art., source: s}\n', 'LEXICON_UNMATCHABLE_TERM', 10, 16, 'term "art." has "art.", which ends in a period that no word token keeps'],
    ['an exclusion with a comma', '      - {term: fence, exclude: ["fence, wall"], source: s}\n', 'LEXICON_UNMATCHABLE_TERM', 10, 33, 'exclusion "fence, wall" contains ","'],
    ['a proximity term with a bracket', '      - {term: fence, near: {terms: ["wall)"]}, source: s}\n', 'LEXICON_UNMATCHABLE_TERM', 10, 38, 'near term "wall)" contains ")"'],
    ['bad YAML', '      - {term: border, source: s\n', 'LEXICON_YAML', 11, 1, 'YAML syntax'],
  ] as const)('%s', ([, entries, code, line, column, message]) => {
    const { lexicon, issues } = parseLexicon('x.yaml', HEAD + entries);
    expect(lexicon).toBeUndefined();
    expect(issues[0]).toMatchObject({ code, file: 'x.yaml', line, column });
    expect(issues[0].message).toContain(message);
  });

  test('aliases that expand without bound ("billion laughs") are refused as unreadable YAML, not a crash', () => {
    const bomb = ['x0: &x0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]', ...Array.from({ length: 8 }, (_, i) => `x${i + 1}: &x${i + 1} [${Array(10).fill(`*x${i}`).join(', ')}]`)].join('\n');
    const { lexicon, issues } = parseLexicon('x.yaml', `${bomb}\n${HEAD}      - {term: border, source: s}\n`);
    expect(lexicon).toBeUndefined();
    expect(issues).toEqual([expect.objectContaining({ code: 'LEXICON_YAML', file: 'x.yaml', line: 1, column: 1, message: expect.stringMatching(/^YAML cannot be read: .*alias/) })]);
  });

  test('a category id that is not snake_case is named, with what an id may be', () => {
    const { lexicon, issues } = parseLexicon('x.yaml', HEAD.replace('  a:\n', '  Bad Cat:\n') + '      - {term: border, source: s}\n');
    expect(lexicon).toBeUndefined();
    expect(issues[0]).toMatchObject({ code: 'LEXICON_INVALID', file: 'x.yaml', line: 7 });
    expect(issues[0].message).toBe('categories.Bad Cat: category ids must be snake_case: lower-case letters, digits and _, from a letter, got "Bad Cat"');
  });

  test('a valid lexicon compiles, with defaults', () => {
    const { lexicon, spec, issues } = parseLexicon('x.yaml', `${HEAD}      - {term: border, source: s}\n`);
    expect(issues).toEqual([]);
    expect(lexicon?.categories.map((category) => category.id)).toEqual(['a']);
    expect(spec?.categories.a.entries[0]).toMatchObject({ weight: 1, inflect: false, exclude: [] });
    expect(lexicon?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('an exclusion may name an inflected form of an inflected term', () => {
    const { lexicon, issues } = parseLexicon('x.yaml', `${HEAD}      - {term: conflict, inflect: true, exclude: [conflicting views, armed conflicts], source: s}\n`);
    expect(issues).toEqual([]);
    expect(lexicon).toBeDefined();
  });

  test('terms with hyphens, apostrophes, wildcards, inner periods, digits beside letters and letters outside ASCII are valid', () => {
    const terms = ['well-being', "state's borders", 'o\u2019brien', "can't", 'cannot', 'securiti*', '19*', 'u.s.', 'e.g.', 'el niño', 'covid-19', 'g7', '21st century', 'at&t', "asylum seekers' rights"];
    const { lexicon, issues } = parseLexicon('x.yaml', HEAD + terms.map((term) => `      - {term: ${JSON.stringify(term)}, source: s}\n`).join(''));
    expect(issues).toEqual([]);
    expect(lexicon).toBeDefined();
  });

  test('lint warns of words only the wink tokenisers keep whole and of words the tokenisers read as quotation marks', () => {
    const { spec, lexicon } = parseLexicon('x.yaml', `${HEAD}      - {term: at&t, source: s}\n      - {term: "asylum seekers' rights", source: s}\n      - {term: border, source: s}\n      - {term: "refugee's*", source: s}\n`);
    const issues = lintLexicons([{ file: 'x.yaml', spec, lexicon }]).filter((issue) => issue.code === 'LEXICON_UNMATCHABLE_TERM');
    expect(issues.map((issue) => [issue.severity, issue.message])).toEqual([
      ['warning', 'a: term "at&t" contains "&", which only the wink tokenisers keep inside a word (at&t), so with scan.v1 it never matches'],
      ['warning', 'a: term "asylum seekers\' rights" has "seekers\'", which ends in an apostrophe: the tokenisers read that as a closing quotation mark, not as part of the word, so it never matches'],
      ['warning', 'a: term "refugee\'s*" has "refugee\'s*", a wildcard after a clitic: the tokenisers split "\'s" off its word, so it never matches (write "refugee" and, if needed, "refugee\'s")'],
    ]);
  });

  test('lint with corpus usage: entries that never match, broad wildcards, and an inflected noun whose verb forms are a small share of its matches', () => {
    const entries = ['{term: border, inflect: true, source: s}', '{term: protect, inflect: true, source: s}', '{term: fence, source: s}', '{term: "secur*", source: s}'];
    const { spec, lexicon } = parseLexicon('x.yaml', HEAD + entries.map((entry) => `      - ${entry}\n`).join(''));
    const counts: Record<string, Record<string, number>> = {
      border: { border: 60, borders: 30, bordering: 8, bordered: 2 },
      // A verb's -ing and -ed forms are much of its matches: not reported.
      protect: { protect: 50, protected: 30, protecting: 20 },
      'secur*': Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`secur${'e'.repeat(i + 1)}`, 13 - i])),
    };
    const usage = { corpus: 'C', forms: (_: string, entry: string) => new Map(Object.entries(counts[entry] ?? {})) };
    const issues = lintLexicons([{ file: 'x.yaml', spec, lexicon }], usage).filter((issue) => ['LEXICON_VERB_FORMS', 'LEXICON_UNUSED_ENTRY', 'LEXICON_BROAD_WILDCARD'].includes(issue.code));
    expect(issues.map((issue) => [issue.code, issue.severity, issue.message])).toEqual([
      ['LEXICON_VERB_FORMS', 'info', '"border" (a) also matches bordering 8, bordered 2 (10% of its 100 matches in the corpus): check that these forms carry the term\'s sense, or exclude them'],
      ['LEXICON_UNUSED_ENTRY', 'warning', '"fence" (a) never matches the corpus C'],
      ['LEXICON_BROAD_WILDCARD', 'warning', '"secur*" (a) matches 13 different words in the corpus; top: secure 13, securee 12, secureee 11, secureeee 10, secureeeee 9, secureeeeee 8, secureeeeeee 7, secureeeeeeee 6'],
    ]);
  });

  test('lint names entries an earlier entry of another category takes words from: all of them (warning) or some forms of a word (info)', () => {
    const text = 'name: t\nversion: 1.0.0\nlanguage: en\ndescription: t\ncategories:\n' +
      '  a:\n    label: A\n    description: A\n    entries:\n      - {term: well-being, source: s}\n      - {term: detain, inflect: true, source: s}\n      - {term: secur*, source: s}\n      - {term: threat*, exclude: [no threat], source: s}\n      - {term: refugees, source: s}\n' +
      '  b:\n    label: B\n    description: B\n    entries:\n      - {term: wellbeing, source: s}\n      - {term: detained, source: s}\n      - {term: security, source: s}\n      - {term: threats, source: s}\n      - {term: refugee, inflect: true, source: s}\n      - {term: border, source: s}\n';
    const { spec, lexicon, issues: loading } = parseLexicon('x.yaml', text);
    expect(loading).toEqual([]);
    const issues = lintLexicons([{ file: 'x.yaml', spec, lexicon }]).filter((issue) => issue.code === 'LEXICON_SHADOWED');
    expect(issues.map((issue) => [issue.severity, issue.message])).toEqual([
      ['warning', '"wellbeing" (b) never counts there: every word it matches is also matched by "well-being" (a), listed before it, which takes the match'],
      ['warning', '"detained" (b) never counts there: every word it matches is also matched by "detain" (a), listed before it, which takes the match'],
      ['warning', '"security" (b) never counts there: every word it matches is also matched by "secur*" (a), listed before it, which takes the match'],
      ['warning', '"threats" (b) never counts there, except where the rules of "threat*" cancel it: every word it matches is also matched by "threat*" (a), listed before it, which takes the match'],
      ['info', '"refugees" of "refugee" (b) counts for "refugees" (a), listed before it'],
    ]);
  });

  test('every term, exclusion and proximity term of the bundled lexicons can match with every tokeniser', async () => {
    const inputs = await Promise.all(['security-frames', 'undp-human-security'].map(async (name) => {
      const file = new URL(`../../lexicons/${name}.yaml`, import.meta.url).pathname;
      return { file, ...parseLexicon(file, await readFile(file)) };
    }));
    for (const input of inputs) expect(input.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(lintLexicons(inputs).filter((issue) => issue.code === 'LEXICON_UNMATCHABLE_TERM')).toEqual([]);
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
