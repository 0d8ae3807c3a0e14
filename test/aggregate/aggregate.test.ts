import { describe, expect, test } from 'vitest';
import { aggregate, FRAME_CATEGORIES, UNDP_CATEGORIES, wilsonInterval } from '../../src/aggregate/index.js';
import type { CategoryInfo, ClassifiedDoc, Hit } from '../../src/document.js';

// A tiny hand-built codebook: both frames and the seven UNDP categories, in codebook order.
const CATEGORIES: CategoryInfo[] = [
  ...FRAME_CATEGORIES.map((id) => ({ id, label: id, description: id, lexiconId: 'frames' })),
  ...UNDP_CATEGORIES.map((id) => ({ id, label: id, description: id, lexiconId: 'undp' })),
];
const SETTINGS = { categories: CATEGORIES, lexiconVersion: 'frames@1.0.0:abcd1234' };

/** A hit: `[category, sentence, weight?, negated?]`. Ranges do not matter to aggregate. */
type H = [category: string, sentence: number, weight?: number, isNegated?: boolean];
const hit = ([category, sentence, weight = 1, isNegated = false]: H, i: number): Hit => ({
  lexiconId: (FRAME_CATEGORIES as readonly string[]).includes(category) ? 'frames' : 'undp',
  entryId: `${category}-${i}`,
  category,
  range: [i, i + 1],
  sentence,
  weight,
  isNegated,
});

/** A classified document with `wordCount` words in `sentences` sentences and the given hits. */
function doc(hits: H[], wordCount = 200, sentences = 10): ClassifiedDoc {
  return {
    id: 'a/doc.txt',
    path: '/x/a/doc.txt',
    text: 'word '.repeat(wordCount).trim(),
    title: 'Doc',
    contentSha256: 'f'.repeat(64),
    bytes: wordCount * 5,
    encoding: 'utf-8',
    issues: [],
    tokens: Array.from({ length: wordCount }, (_, i) => ({ start: i * 5, end: i * 5 + 4, norm: 'word', lemma: 'word', isWord: true, isNegated: false })),
    sentences: Array.from({ length: sentences }, (_, i) => [i, i + 1] as const),
    language: 'en',
    wordCount,
    excludedWords: 3,
    hits: hits.map(hit),
  };
}

const P = 'people_centric';
const S = 'state_centric';

describe('aggregate: framing index', () => {
  // [name, hits, framing index]
  test.for<[string, H[], number | null]>([
    ['no hits', [], null],
    ['only UNDP hits', [['health', 0]], null],
    ['only negated frame hits', [[P, 0, 1, true], [S, 1, 1, true]], null],
    ['people only', [[P, 0], [P, 1]], 1],
    ['state only', [[S, 0]], -1],
    ['3 people, 1 state', [[P, 0], [P, 1], [P, 2], [S, 3]], 0.5],
    ['1 people, 3 state', [[P, 0], [S, 1], [S, 2], [S, 3]], -0.5],
    ['balanced', [[P, 0], [S, 0]], 0],
    ['weights: people 0.5+0.5, state 3', [[P, 0, 0.5], [P, 1, 0.5], [S, 2, 3]], (1 - 3) / (1 + 3)],
    ['negated state hit does not count', [[P, 0], [S, 1, 1, true]], 1],
    ['zero-weight hits only', [[P, 0, 0], [S, 1, 0]], null],
  ])('%s', ([, hits, index]) => {
    const row = aggregate(doc(hits), SETTINGS);
    if (index === null) {
      expect(row.framingIndex).toBeNull();
      expect(row.framingCiLow).toBeNull();
      expect(row.framingCiHigh).toBeNull();
    } else {
      expect(row.framingIndex).toBeCloseTo(index, 12);
      expect(row.framingCiLow!).toBeLessThanOrEqual(row.framingIndex!);
      expect(row.framingCiHigh!).toBeGreaterThanOrEqual(row.framingIndex!);
      expect(row.framingCiLow!).toBeGreaterThanOrEqual(-1);
      expect(row.framingCiHigh!).toBeLessThanOrEqual(1);
    }
  });

  test('interval is the Wilson interval of the people share mapped by 2p − 1', () => {
    // 5 people, 5 state matches: share 5/10 → Wilson [0.23659, 0.76341] → index [−0.52683, 0.52683]
    const row = aggregate(doc([...Array(5).fill([P, 0]), ...Array(5).fill([S, 1])]), SETTINGS);
    expect(row.framingIndex).toBe(0);
    expect(row.framingCiLow).toBeCloseTo(-0.52683, 4);
    expect(row.framingCiHigh).toBeCloseTo(0.52683, 4);
  });

  test('with unequal weights the interval counts the frame matches\' effective number (Σw)² / Σw²: a match of weight 3 against three of weight 1 is three observations, not four', () => {
    // Weighted share 3 / 6 = 0.5 over an effective 6² / 12 = 3 observations: Wilson [0.12533, 0.87467] → index [−0.74933, 0.74933] (over four: ±0.69990).
    const row = aggregate(doc([[S, 0, 3], [P, 1], [P, 2], [P, 3]]), SETTINGS);
    expect(row.framingIndex).toBe(0);
    const [low, high] = wilsonInterval(1.5, 3)!;
    expect(row.framingCiLow).toBeCloseTo(2 * low - 1, 12);
    expect(row.framingCiHigh).toBeCloseTo(2 * high - 1, 12);
    expect(row.framingCiLow).toBeCloseTo(-0.74933, 4);
    // Equal weights, whatever they are, count as many observations as matches.
    const halves = aggregate(doc([...Array(5).fill([P, 0, 0.5]), ...Array(5).fill([S, 1, 0.5])]), SETTINGS);
    expect(halves.framingCiLow).toBeCloseTo(-0.52683, 4);
  });

  test('more matches give a narrower interval', () => {
    const few = aggregate(doc([[P, 0], [S, 1]]), SETTINGS);
    const many = aggregate(doc([...Array(20).fill([P, 0]), ...Array(20).fill([S, 1])]), SETTINGS);
    expect(many.framingCiHigh! - many.framingCiLow!).toBeLessThan(few.framingCiHigh! - few.framingCiLow!);
  });
});

describe('aggregate: counts, rates and shares', () => {
  test('weighted hits, negated hits apart, per 1,000 words', () => {
    const row = aggregate(doc([[P, 0, 2], [P, 1, 0.5], [P, 2, 1, true], [S, 3], ['food', 4, 1, true]], 500), SETTINGS);
    expect(row.hits[P]).toBe(2.5);
    expect(row.hits[S]).toBe(1);
    expect(row.hits.food).toBe(0);
    expect(row.negatedHits).toBe(2);
    expect(row.per1k[P]).toBeCloseTo(5, 12); // 2.5 × 1000 / 500
    expect(row.per1k[S]).toBeCloseTo(2, 12);
    expect(row.per1k.food).toBe(0);
    expect(Object.keys(row.hits)).toEqual(CATEGORIES.map((category) => category.id));
  });

  test('a match of weight 0 adds nothing: no hit, no observation for the interval, no frame in its sentence', () => {
    const weighed = aggregate(doc([[S, 0], [P, 0, 0]]), SETTINGS);
    const alone = aggregate(doc([[S, 0]]), SETTINGS);
    expect([weighed.framingIndex, weighed.framingCiLow, weighed.framingCiHigh, weighed.nexusShare]).toEqual([alone.framingIndex, alone.framingCiLow, alone.framingCiHigh, alone.nexusShare]);
    const onlyZero = aggregate(doc([[P, 0, 0]]), SETTINGS);
    expect([onlyZero.framingIndex, onlyZero.nexusShare, onlyZero.hits[P]]).toEqual([null, null, 0]);
  });

  test('weights add up exactly (0.1 + 0.2 is 0.3), so hits that are equal tie, and the tie goes to codebook order', () => {
    const row = aggregate(doc([['food', 0, 0.1], ['food', 1, 0.2], ['economic', 2, 0.3]]), SETTINGS);
    expect(row.hits.food).toBe(0.3);
    expect(row.hits.economic).toBe(0.3);
    expect(row.undpDominant).toBe('economic');
  });

  test('decimal weights give the rates and index of their exact sums, so a tie rounds away from zero as with whole weights', () => {
    // 3 × 0.3 = 0.9 over 1,600 words: 0.5625 per 1,000, as 1 × 0.9 gives (summed as doubles, 0.8999999999999999 gave 0.56249…).
    const rates = aggregate(doc([['economic', 0, 0.3], ['economic', 1, 0.3], ['economic', 2, 0.3], ['food', 3, 0.9]], 1600), SETTINGS);
    expect(rates.per1k.economic).toBe(0.5625);
    expect(rates.per1k.economic).toBe(rates.per1k.food);
    // People 0.003 against state 0.061: exactly −0.90625, as 3 against 61.
    const index = aggregate(doc([[P, 0, 0.001], [P, 1, 0.002], [S, 2, 0.061]]), SETTINGS);
    expect(index.framingIndex).toBe(-0.90625);
  });

  test('a negated match of weight 0 is no negated hit either', () => {
    const row = aggregate(doc([[P, 0, 0, true], [S, 1, 1, true], ['food', 2, 0, true]]), SETTINGS);
    expect(row.negatedHits).toBe(1);
    expect(row.negated).toMatchObject({ [P]: 0, [S]: 1, food: 0 });
  });

  test('per_1k is null when the document has no words', () => {
    const row = aggregate(doc([], 0, 0), SETTINGS);
    expect(row.per1k[P]).toBeNull();
    expect(row.tokens).toBe(0);
  });

  test('document fields are copied through', () => {
    const row = aggregate(doc([], 120, 7), SETTINGS);
    expect(row).toMatchObject({ docId: 'a/doc.txt', title: 'Doc', language: 'en', encoding: 'utf-8', tokens: 120, excludedTokens: 3, sentences: 7, lexiconVersion: SETTINGS.lexiconVersion, contentSha256: 'f'.repeat(64) });
  });

  // [name, hits, nexus share]: sentences with both frames / sentences with any frame
  test.for<[string, H[], number | null]>([
    ['no frame hits', [['health', 0]], null],
    ['both frames in one sentence', [[P, 0], [S, 0]], 1],
    ['frames in different sentences', [[P, 0], [S, 1]], 0],
    ['1 of 3 sentences has both', [[P, 0], [S, 0], [P, 1], [P, 1], [S, 2]], 1 / 3],
    ['negated hit does not make a nexus', [[P, 0], [S, 0, 1, true]], 0],
    ['UNDP hits do not count as frames', [[P, 0], ['health', 0], ['food', 1]], 0],
  ])('nexus_share: %s', ([, hits, share]) => {
    const row = aggregate(doc(hits), SETTINGS);
    if (share === null) expect(row.nexusShare).toBeNull();
    else expect(row.nexusShare).toBeCloseTo(share, 12);
  });

  // [name, hits, dominant, breadth]
  test.for<[string, H[], string, number]>([
    ['none', [[P, 0]], '', 0],
    ['one category', [['food', 0]], 'food', 1],
    ['most hits wins', [['food', 0], ['health', 0], ['health', 1]], 'health', 2],
    ['tie → codebook order (economic before political)', [['political', 0], ['economic', 1]], 'economic', 2],
    ['tie → codebook order (food before community)', [['community', 0], ['food', 1], ['community', 2], ['food', 3]], 'food', 2],
    ['weights decide, not match counts', [['personal', 0, 3], ['health', 1], ['health', 2]], 'personal', 2],
    ['negated hits do not count', [['food', 0, 1, true], ['political', 1]], 'political', 1],
    ['all seven', UNDP_CATEGORIES.map((id, i) => [id, i] as H), 'economic', 7],
  ])('undp: %s', ([, hits, dominant, breadth]) => {
    const row = aggregate(doc(hits), SETTINGS);
    expect(row.undpDominant).toBe(dominant);
    expect(row.undpBreadth).toBe(breadth);
  });

  test('undp_breadth is null and framing empty when the lexicons have no such categories', () => {
    const row = aggregate(doc([]), { categories: CATEGORIES.slice(0, 1), lexiconVersion: 'x' });
    expect(row.undpBreadth).toBeNull();
    expect(row.framingIndex).toBeNull();
    expect(row.nexusShare).toBeNull();
  });
});

describe('wilsonInterval', () => {
  // [successes, trials, low, high]; textbook values (z = 1.96), e.g. Newcombe 1998, Table I.
  test.for<[number, number, number, number]>([
    [5, 10, 0.2366, 0.7634],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
  ])('%i of %i', ([successes, trials, low, high]) => {
    const interval = wilsonInterval(successes, trials)!;
    expect(interval[0]).toBeCloseTo(low, 4);
    expect(interval[1]).toBeCloseTo(high, 4);
  });

  test.for([0, -1])('null for %i trials', (trials) => {
    expect(wilsonInterval(0, trials)).toBeNull();
  });
});
