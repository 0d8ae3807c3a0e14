import { describe, expect, test } from 'vitest';
import { hasLemma } from '../../src/lexicon/inflect.js';
import { exportLiwc, inflectWord, parseLexicon } from '../../src/lexicon/index.js';
import { matchedTexts, scorerFrom } from './helpers.js';

const S = 'source: test';

describe('inflections are real forms of the word', () => {
  test.for([
    // Nouns: plurals only, never verb forms ("chilt", "childs", "crimed").
    ['child', ['child', 'children']],
    ['crime', ['crime', 'crimes']],
    ['caste', ['caste', 'castes']],
    ['income', ['income', 'incomes']],
    // Verbs: every verb form, irregular ones included.
    ['detain', ['detain', 'detained', 'detaining', 'detains']],
    ['protect', ['protect', 'protected', 'protecting', 'protects']],
    ['flee', ['fled', 'flee', 'fleeing', 'flees']],
    ['seek', ['seek', 'seeking', 'seeks', 'sought']],
    ['take', ['take', 'taken', 'takes', 'taking', 'took']],
    ['deport', ['deport', 'deported', 'deporting', 'deports']],
    // A final consonant doubled, which the conjugator misses: the forms the tagger's lexicon knows are kept (its own misspellings stay, harmless).
    ['kidnap', ['kidnap', 'kidnaping', 'kidnapped', 'kidnapping', 'kidnaps']],
    ['fulfil', ['fulfil', 'fulfilled', 'fulfilling', 'fulfils']],
    // A verb ending in a vowel and `l`: British doubles the `l`, American does not; both spellings are kept, whatever the tagger's lexicon knows.
    ['quarrel', ['quarrel', 'quarreled', 'quarreling', 'quarrelled', 'quarrelling', 'quarrels']],
    ['travel', ['travel', 'traveled', 'traveling', 'travelled', 'travelling', 'travels']],
    ['fuel', ['fuel', 'fueled', 'fueling', 'fuelled', 'fuelling', 'fuels']],
    ['equal', ['equal', 'equaled', 'equaling', 'equalled', 'equalling', 'equals']],
    // Stressed on the last syllable: doubled in both spellings. A vowel pair before the `l` is not doubled.
    ['patrol', ['patrol', 'patrolled', 'patrolling', 'patrols']],
    ['appeal', ['appeal', 'appealed', 'appealing', 'appeals']],
    ['spoil', ['spoil', 'spoiled', 'spoiling', 'spoils']],
    // Verbs that are also nouns keep their verb forms.
    ['border', ['border', 'bordered', 'bordering', 'borders']],
    ['house', ['house', 'housed', 'houses', 'housing']],
    ['shelter', ['shelter', 'sheltered', 'sheltering', 'shelters']],
    ['police', ['police', 'policed', 'polices', 'policing']],
    ['control', ['control', 'controlled', 'controlling', 'controls']],
    ['need', ['need', 'needed', 'needing', 'needs']],
    ['care', ['care', 'cared', 'cares', 'caring']],
    ['fence', ['fence', 'fenced', 'fences', 'fencing']],
    // A regular plural beside the irregular one, where it is a known plural: persons, moneys.
    ['person', ['people', 'person', 'persons']],
    ['money', ['money', 'moneys']],
    // Adjectives have no inflections: "new" does not give "news", nor "renewable" "renewables".
    ['new', ['new']],
    ['renewable', ['renewable']],
    // A word written as a plural is not inflected again.
    ['refugees', ['refugees']],
    ['children', ['children']],
    ['laws', ['laws']],
    // Words WordNet does not list: pos-js knows some as already inflected or as adjectives; compromise reads the others alone.
    ['killed', ['killed']],
    ['crossborder', ['crossborder']],
    ['securitise', ['securitise', 'securitised', 'securitises', 'securitising']],
    ['landmine', ['landmine', 'landmines']],
    // Closed-class words stay as written.
    ['the', ['the']],
  ] as const)('%s', ([word, forms]) => {
    expect(inflectWord(word)).toEqual(forms);
  });
});

describe('a WordNet index is searched by lemma', () => {
  // As in WordNet's index files: a licence whose lines start with spaces, then lines sorted by lemma; the last one unended.
  const index = '  1 This software and database is being provided\n  2 \nabacus n 2 1 @ 2 0 03\nabandon v 5 4 @ ~ 5 5 02\nabase v 1 3 @ 1 0 01\nzoom v 2 2 @ 2 0 01';
  test.for([
    ['abacus', true],
    ['abandon', true],
    ['abase', true],
    ['zoom', true],
    ['aba', false],
    ['abandons', false],
    ['abb', false],
    ['a', false],
    ['zoos', false],
    ['zooms', false],
    ['software', false],
  ] as const)('%s: %s', ([word, isListed]) => {
    expect(hasLemma(index, word)).toBe(isListed);
  });
});

describe('an inflected entry matches and exports only real forms', () => {
  test('no verb forms of a noun in the text', () => {
    const scorer = scorerFrom({ a: `- {term: crime, inflect: true, ${S}}\n- {term: caste, inflect: true, ${S}}\n- {term: detain, inflect: true, ${S}}` });
    const text = 'Crimes were crimed; castes, and a casting vote. They detained him, detain her and are detaining them.';
    expect(matchedTexts(scorer, text)).toEqual(['a:Crimes', 'a:castes', 'a:detained', 'a:detain', 'a:detaining']);
  });

  test('the LIWC export lists the real forms and no others', () => {
    const { spec } = parseLexicon('t.yaml', `name: t\nversion: 1.0.0\nlanguage: en\ndescription: t\ncategories:\n  a:\n    label: A\n    description: A\n    entries:\n      - {term: child, inflect: true, ${S}}\n      - {term: seek, inflect: true, ${S}}\n`);
    const terms = exportLiwc(spec!).split('\n%\n')[1].trim().split('\n').map((line) => line.split('\t')[0]);
    expect(terms.sort()).toEqual(['child', 'children', 'seek', 'seeking', 'seeks', 'sought']);
  });
});
