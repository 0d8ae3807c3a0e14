import { describe, expect, test } from 'vitest';
import { negationRole } from '../../src/tokenise/negation.js';
import { HASH_START, hashStep, Vocabulary } from '../../src/tokenise/vocabulary.js';

const hashOf = (word: string) => [...word].reduce((hash, char) => hashStep(hash, char.charCodeAt(0)), HASH_START);
const inText = (vocabulary: Vocabulary, text: string, start: number, end: number) => vocabulary.inText(text, start, end, hashOf(text.slice(start, end)));

describe('vocabulary of word forms', () => {
  test('a form is found in place, whatever its case, and shared by every occurrence', () => {
    const vocabulary = new Vocabulary();
    const text = 'Security and SECURITY and security';
    const first = inText(vocabulary, text, 0, 8);
    expect(first.norm).toBe('security');
    expect(inText(vocabulary, text, 13, 21)).toBe(first);
    expect(inText(vocabulary, text, 26, 34)).toBe(first);
    expect(inText(vocabulary, text, 9, 12).norm).toBe('and');
  });

  test('forms with the same hash stay apart', () => {
    const vocabulary = new Vocabulary();
    // Two different words forced into one hash: each is compared, not trusted to its hash.
    const text = 'border order';
    expect(vocabulary.inText(text, 0, 6, 42).norm).toBe('border');
    expect(vocabulary.inText(text, 7, 12, 42).norm).toBe('order');
    expect(vocabulary.inText(text, 0, 6, 42).norm).toBe('border');
  });

  test('a full table is emptied and refilled; forms stay right', () => {
    const vocabulary = new Vocabulary();
    const words = Array.from({ length: 150_000 }, (_, index) => `W${index.toString(36)}x`);
    const text = words.join(' ');
    let at = 0;
    for (const word of words) {
      expect(inText(vocabulary, text, at, at + word.length).norm).toBe(word.toLowerCase());
      at += word.length + 1;
    }
  });

  test('what the scanner needs to know of a form is worked out with it', () => {
    const vocabulary = new Vocabulary();
    for (const word of ['without', 'only', 'however', 'discrimination', 'refugees']) expect(vocabulary.of(word).negation).toBe(negationRole(word));
    expect(negationRole('refugees')).toBe(0);
    expect(vocabulary.of('the').languages?.length).toBeGreaterThan(0);
    expect(vocabulary.of('refugees').languages).toBeUndefined();
  });
});
