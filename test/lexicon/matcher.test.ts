import { describe, expect, test } from 'vitest';
import { parseLexicon } from '../../src/lexicon/index.js';
import { createScorer, scoreText } from '../../src/pipeline/index.js';
import { matchedTexts, scorerFrom } from './helpers.js';

const S = 'source: test';

describe('matcher features', () => {
  test.for([
    ['single word, any case', `- {term: border, ${S}}`, 'The BORDER and the Border and borders.', ['a:BORDER', 'a:Border']],
    ['inflect: verb forms', `- {term: protect, inflect: true, ${S}}`, 'They protected, protect and are protecting; protection is a noun.', ['a:protected', 'a:protect', 'a:protecting']],
    ['inflect: irregular past tense and participle', `- {term: take, inflect: true, ${S}}\n- {term: flee, inflect: true, ${S}}`, 'Land was taken; they took it and fled.', ['a:taken', 'a:took', 'a:fled']],
    ['inflect: irregular plural', `- {term: child, inflect: true, ${S}}`, 'One child, many children.', ['a:child', 'a:children']],
    ['inflect: a hyphenated word takes inflections on its last part alone', `- {term: cross-border, inflect: true, ${S}}\n- {term: well-being, inflect: true, ${S}}`, 'Cross-borders, cross borders, crossing borders, crossed border; wells being, well-being.', ['a:Cross-borders', 'a:cross borders', 'a:well-being']],
    ['inflect: a phrase inflects its content words, never its articles or prepositions', `- {term: check at the border, inflect: true, ${S}}`, 'Checks at the borders; checks at thing border; checked as the border; checks ats thes border.', ['a:Checks at the borders']],
    ['trailing wildcard: the stem and longer words', `- {term: securiti*, ${S}}`, 'Securitisation, securitization and securiti, but not security.', ['a:Securitisation', 'a:securitization', 'a:securiti']],
    ['phrase across a line break', `- {term: border control, ${S}}`, 'stricter border\ncontrol at sea', ['a:border\ncontrol']],
    ['phrase not across a comma', `- {term: border control, ${S}}`, 'the border, control of it', []],
    ['phrase not across a sentence end', `- {term: border control, ${S}}`, 'We crossed the border. Control was lax.', []],
    ['phrase at end of text', `- {term: human security, ${S}}`, 'We speak of human security', ['a:human security']],
    ['hyphen variant: hyphen', `- {term: well-being, ${S}}`, 'their well-being matters', ['a:well-being']],
    ['hyphen variant: space', `- {term: well-being, ${S}}`, 'their well being matters', ['a:well being']],
    ['hyphen variant: solid', `- {term: well-being, ${S}}`, 'their wellbeing matters', ['a:wellbeing']],
    ['hyphen variants of a wildcard: hyphen, space, solid', `- {term: well-be*, ${S}}`, 'their well-being, well being and wellbeing matter', ['a:well-being', 'a:well being', 'a:wellbeing']],
    ['hyphen variant: typographic hyphen', `- {term: well-being, ${S}}`, 'their well\u2011being matters', ['a:well\u2011being']],
    ['one-token hyphenated word', `- {term: non-refoulement, ${S}}`, 'the principle of non-refoulement and non refoulement', ['a:non-refoulement', 'a:non refoulement']],
    ['typographic apostrophe', `- {term: "state's borders", ${S}}`, 'the state\u2019s borders', ['a:state\u2019s borders']],
    ['exclusion cancels the match', `- {term: security, exclude: [social security, security council], ${S}}`, 'Social security, the Security Council and security.', ['a:security']],
    ['exclusion naming an inflected form of the term', `- {term: conflict, inflect: true, exclude: [conflicting views], ${S}}`, 'Conflicting views, conflicting parties and conflicts.', ['a:conflicting', 'a:conflicts']],
    ['exclusion across a hyphen', `- {term: security, exclude: [social security], ${S}}`, 'social-security benefits', []],
    ['exclusion reaching before and after the match', `- {term: security, exclude: [organization for security and cooperation in europe], ${S}}`, 'The Organization for Security and Cooperation in Europe met. Security matters.', ['a:Security']],
    ['exclusion not across a comma', `- {term: security, exclude: [social security, security council], ${S}}`, 'social, security; security, council', ['a:security', 'a:security']],
    ['exclusion as long as the match: one inflected form', `- {term: security, inflect: true, exclude: [securities], ${S}}`, 'Securities and security.', ['a:security']],
    ['exclusion at the text start, before and after a phrase term', `- {term: border control, exclude: [strict border control, border control agency], ${S}}`, 'Strict border control; border control agency; border control.', ['a:border control']],
    ['exclusion of a phrase term, at the text end', `- {term: human rights, exclude: [human rights council, universal declaration of human rights], ${S}}`, 'Human rights, the Universal Declaration of Human Rights and the Human Rights Council', ['a:Human rights']],
    ['near: counts only with a nearby word', `- {term: return, near: {terms: [voluntary], window: 3}, ${S}}`, 'Voluntary return is fine. A return happened.', ['a:return']],
    ['not_near: cancelled by a nearby word', `- {term: return, not_near: {terms: [voluntary], window: 3}, ${S}}`, 'Voluntary return is fine. A return happened.', ['a:return']],
    ['not_near is limited to the sentence', `- {term: return, not_near: {terms: [voluntary], window: 5}, ${S}}`, 'It was voluntary. Return followed.', ['a:Return']],
    ['two hyphens are a dash: a phrase does not run across them, as it runs across one', `- {term: border control, ${S}}`, 'Border--control; border-control.', ['a:border-control']],
    ['a hyphenated proximity term counts where all its words are, not its first alone', `- {term: security, near: {terms: [well-being], window: 4}, ${S}}`, 'Food security as well as health. Security and well-being. Security and wellbeing.', ['a:Security', 'a:Security']],
    ['a hyphenated not_near term read as one word (after a prefix) cancels as that word', `- {term: cooperation, not_near: {terms: [cross-border], window: 3}, ${S}}`, 'Cooperation to cross the river. Cross-border cooperation. Cross border cooperation.', ['a:Cooperation']],
    ['empty document', `- {term: border, ${S}}`, '', []],
  ] as const)('%s', ([, entries, text, expected]) => {
    expect(matchedTexts(scorerFrom({ a: entries }), text)).toEqual(expected);
  });
});

describe('exclusions past the rule words a row of bits holds', () => {
  // 300 entries, each excluding a phrase of its own word and "security": the later entries' sets of rule words are tested word by word.
  const entries = Array.from({ length: 300 }, (_, i) => `- {term: security${i}, exclude: [w${i} security${i}, security${i} w${i}], ${S}}`).join('\n');
  test.for([
    ['an early entry', 'w1 security1, security1 w1, security1', ['a:security1']],
    ['a late entry, excluded before', 'w299 security299; security299', ['a:security299']],
    ['a late entry, excluded after', 'security299 w299; security299 w298', ['a:security299']],
  ] as const)('%s', ([, text, expected]) => {
    expect(matchedTexts(scorerFrom({ a: entries }), text)).toEqual(expected);
  });
});

describe('contractions match as they are written, with every tokeniser', () => {
  const rows = [
    ['cannot', `- {term: cannot, ${S}}`, 'We cannot enter', ['a:cannot']],
    ['cannot in a phrase', `- {term: cannot enter, ${S}}`, 'We cannot enter.', ['a:cannot enter']],
    ['cannot before punctuation', `- {term: cannot, ${S}}`, 'We cannot.', ['a:cannot']],
    ["n't", `- {term: can't enter, ${S}}`, "We can't enter.", ["a:can't enter"]],
    ["'m", `- {term: i'm, ${S}}`, "I'm here.", ["a:I'm"]],
    ["'re", `- {term: we're, ${S}}`, "We're here.", ["a:We're"]],
    ['an acute accent, a prime or a backtick between two letters for the apostrophe', `- {term: "state's borders", ${S}}\n- {term: don't, ${S}}`, 'The state´s borders, the state′s borders and the State\u0060s borders: don´t.', ['a:state´s borders', 'a:state′s borders', 'a:State\u0060s borders', 'a:don´t']],
    ['a term written with a look-alike of the apostrophe', `- {term: "people´s rights", ${S}}\n- {term: "member state\\u0060s", ${S}}`, "The people's rights of a Member State’s people.", ["a:people's rights", 'a:Member State’s']],
  ] as const;
  test.for((['scan.v1', 'wink-fast.v1', 'wink.v1'] as const).flatMap((tokeniser) => rows.map((row) => [tokeniser, ...row] as const)))('%s: %s', ([tokeniser, , entries, text, expected]) => {
    expect(matchedTexts(scorerFrom({ a: entries }, tokeniser), text)).toEqual(expected);
  });
});

describe('overlaps', () => {
  const scorer = scorerFrom({
    state: `- {term: security, ${S}}\n- {term: national security, ${S}}\n- {term: border, ${S}}`,
    people: `- {term: human security, ${S}}\n- {term: security of persons, ${S}}\n- {term: border crossing, ${S}}`,
  });
  test.for([
    ['longest match wins across categories', 'human security matters', ['people:human security']],
    ['longest match wins within a category', 'national security matters', ['state:national security']],
    ['no word counted twice', 'national security of persons', ['state:national security']],
    ['shorter entry after a longer one', 'the border crossing and the border', ['people:border crossing', 'state:border']],
    ['equal length: both tried, first listed wins', 'security', ['state:security']],
  ] as const)('%s', ([, text, expected]) => {
    expect(matchedTexts(scorer, text)).toEqual(expected);
  });
});

describe('negation', () => {
  const scorer = scorerFrom({
    state: `- {term: threat, ${S}}\n- {term: detain, inflect: true, ${S}}`,
    people: `- {term: without discrimination, ${S}}\n- {term: discrimination, ${S}}`,
  });
  test.for([
    ['negated match is flagged', 'Migrants are not a threat.', ['!state:threat']],
    ["contraction n't", "Children shouldn't be detained.", ['!state:detained']],
    ['scope ends at the sentence', 'They are not criminals. Smuggling is a threat.', ['state:threat']],
    ['scope is three words after the cue', 'This is not in any way a threat.', ['state:threat']],
    ['within three words it is negated', 'This is not really a threat.', ['!state:threat']],
    ['"not only" asserts', 'It is not only a threat but a danger.', ['state:threat']],
    ['scope ends at a comma', 'Not now, the threat is real.', ['state:threat']],
    ['a phrase starting with its negation word is positive', 'Applicants are treated without discrimination.', ['people:without discrimination']],
    ['plain match is not negated', 'This is a threat.', ['state:threat']],
  ] as const)('%s', ([, text, expected]) => {
    expect(matchedTexts(scorer, text)).toEqual(expected);
  });

  test('a category with negation: false counts its matches in a negation scope too; the others\' are negated as ever', () => {
    const yaml = `name: test\nversion: 1.0.0\nlanguage: en\ndescription: d\ncategories:\n  personal:\n    label: p\n    description: d\n    negation: false\n    entries:\n      - {term: torture, ${S}}\n  state:\n    label: s\n    description: d\n    entries:\n      - {term: threat, ${S}}\n`;
    const { lexicon, issues } = parseLexicon('test.yaml', yaml);
    expect(issues).toEqual([]);
    const scorer = createScorer([lexicon!]);
    expect(matchedTexts(scorer, 'No one shall be subjected to torture. Migrants are not a threat. No torture, no threat.')).toEqual(['personal:torture', '!state:threat', 'personal:torture', '!state:threat']);
    const { row } = scoreText('No torture and not a threat.', scorer);
    expect([row.hits.personal, row.hits.state, row.negatedHits]).toEqual([1, 0, 1]);
    const wrong = parseLexicon('test.yaml', yaml.replace('negation: false', 'negation: "no"'));
    expect(wrong.issues.map((issue) => issue.message)).toEqual([expect.stringContaining('negation must be true or false')]);
  });

  test('negated matches go to negated_hits, not to the category', () => {
    const { row } = scoreText('Migrants are not a threat. Detention is a threat.', scorer);
    expect(row.hits.state).toBe(1);
    expect(row.negatedHits).toBe(1);
  });
});

describe('weights', () => {
  test('hits add the entry weight', () => {
    const scorer = scorerFrom({ a: `- {term: border, weight: 0.5, ${S}}\n- {term: fence, weight: 2, ${S}}` });
    const { row } = scoreText('border border fence', scorer);
    expect(row.hits.a).toBe(3);
    expect(scorer.hasWholeHits).toBe(false);
  });
});
