import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { buildWordStream } from '../../src/classify/index.js';
import { ROLE_ALONE, ROLE_FIRST, ROLE_LATER, type WordStream } from '../../src/document.js';
import { findDocuments, readDocument } from '../../src/ingest/index.js';
import { loadLexicon, termSteps } from '../../src/lexicon/index.js';
import { TermsFound, TermTrie } from '../../src/lexicon/trie.js';
import { BUNDLED_LEXICONS, textSource } from '../../src/pipeline/index.js';
import { tokenise } from '../../src/tokenise/index.js';
import { stream } from './helpers.js';

/** A trie of every term of a bundled lexicon, entries numbered as `compileLexicon` numbers them. */
async function bundledTrie(file: string): Promise<TermTrie> {
  const { spec } = await loadLexicon(file);
  const trie = new TermTrie();
  let index = 0;
  for (const category of Object.values(spec!.categories)) {
    for (const entry of category.entries) {
      for (const variant of termSteps(entry.term, entry.inflect)) trie.add(variant, index);
      index += 1;
    }
  }
  return trie;
}

/** The entries found from word `start`, as sorted `end:entry` pairs (each once). */
function foundFrom(walk: (found: TermsFound) => void): string[] {
  const found = new TermsFound();
  walk(found);
  return [...new Set(found.ends.slice(0, found.count).map((end, i) => `${end}:${found.entries[i]}`))].sort();
}

describe('term trie', () => {
  test('a walk read from the rows by form finds what a walk through the nodes finds, from every word, numbered or not', async () => {
    const corpus = fileURLToPath(new URL('../../corpora/eu-migration', import.meta.url));
    const { files } = await findDocuments(corpus, ['.txt']);
    const streams: WordStream[] = [];
    // Four short documents: numbered by scan.v1, not numbered, and lemmatised by wink.v1 (a later word found by its lemma).
    for (const file of files.filter((found) => /unga|los-angeles|proclamation/.test(found.id))) {
      const doc = (await readDocument(file.path, file.id)).doc!;
      const { words } = tokenise(doc);
      streams.push(words!, { ...words!, formSpace: undefined }, buildWordStream(tokenise(doc, { tokeniser: 'wink.v1', language: 'en' })));
    }
    expect(streams).toHaveLength(12);
    let [walked, longer] = [0, 0];
    for (const file of BUNDLED_LEXICONS) {
      const trie = await bundledTrie(file);
      for (const words of streams) {
        trie.use(words);
        for (let start = 0; start < words.keys.length; start++) {
          const expected = foundFrom((found) => trie.walkNodes(words, start, found));
          expect(foundFrom((found) => trie.walk(words, start, found)), `${words.keys.slice(start, start + 4).join(' ')}`).toEqual(expected);
          walked += expected.length > 0 ? 1 : 0;
          longer += expected.some((pair) => parseInt(pair, 10) > start + 1) ? 1 : 0;
        }
      }
    }
    expect(walked).toBeGreaterThan(1000);
    expect(longer).toBeGreaterThan(100);
  });

  test('a later word found by its lemma alone or by a prefix continues the walk read from the rows', () => {
    const trie = new TermTrie();
    const step = (forms: string[], lemma: string | null, prefix: string | null) => ({ forms: new Set(forms), lemma, prefix });
    trie.add([step(['asylum'], null, null), step([], 'seek', null)], 0);
    trie.add([step(['asylum'], null, null)], 1);
    trie.add([step(['border'], null, null), step([], null, 'secur')], 2);
    const text: [string, string][] = [['asylum', 'asylum'], ['sought', 'seek'], ['border', 'border'], ['securitisation', 'securitisation'], ['asylum', 'asylum'], ['sought', 'sought']];
    const words = stream(text, [1, 2, 3, 4, 1, 5], 9);
    trie.use(words);
    const walked = text.map((_, start) => foundFrom((found) => trie.walk(words, start, found)));
    expect(walked).toEqual([['1:1', '2:0'], [], ['4:2'], [], ['5:1'], []]);
    expect(walked).toEqual(text.map((_, start) => foundFrom((found) => trie.walkNodes(words, start, found))));
  });

  test('a walk read from the rows by form follows the numbering: the same numbers in another numbering, breaks, words without a number', () => {
    const trie = new TermTrie();
    const word = (form: string) => ({ forms: new Set([form]), lemma: null, prefix: null });
    trie.add([word('rule'), word('of'), word('law')], 0);
    trie.add([word('rule')], 1);
    trie.add([word('human'), word('rights')], 2);
    const walks = (words: WordStream) => {
      trie.use(words);
      return words.keys.map((_, start) => foundFrom((found) => trie.walk(words, start, found)));
    };
    const text: [string, string][] = [['rule', 'rule'], ['of', 'of'], ['law', 'law'], ['rule', 'rule'], ['of', 'of'], ['war', 'war'], ['human', 'human'], ['rights', 'rights']];
    const found = [['1:1', '3:0'], [], [], ['4:1'], [], [], ['8:2'], []];
    // The same words twice, the second time from rows worked out the first.
    const numbered = stream(text, [1, 2, 3, 1, 2, 4, 5, 6], 9);
    expect(walks(numbered)).toEqual(found);
    expect(walks(numbered)).toEqual(found);
    // A break before a later word ends the walk there.
    const broken = stream(text, [1, 2, 3, 1, 2, 4, 5, 6], 9);
    (broken.breakBefore as Uint8Array)[2] = 1;
    (broken.breakBefore as Uint8Array)[7] = 1;
    expect(walks(broken)).toEqual([['1:1'], [], [], ['4:1'], [], [], [], []]);
    // Another numbering gives the same numbers to other words: no row worked out under the first is read.
    const other: [string, string][] = [['human', 'human'], ['rights', 'rights'], ['rule', 'rule'], ['of', 'of'], ['law', 'law'], ['x', 'x'], ['y', 'y'], ['z', 'z']];
    const renumbered = stream(other, [1, 2, 3, 4, 5, 6, 7, 8], 10);
    expect(walks(renumbered)).toEqual([['2:2'], [], ['3:1', '5:0'], [], [], [], [], []]);
    // Words without a number (0) in a numbered stream: "law" and "war" alike, but never taken for each other.
    const unnumbered = stream(text, [1, 2, 0, 1, 2, 0, 5, 0], 9);
    expect(walks(unnumbered)).toEqual(found);
    for (const words of [numbered, renumbered, broken, unnumbered]) {
      trie.use(words);
      for (let start = 0; start < words.keys.length; start++) {
        expect(foundFrom((found) => trie.walk(words, start, found))).toEqual(foundFrom((found) => trie.walkNodes(words, start, found)));
      }
    }
  });

  test('no variant is added after a walk', () => {
    const trie = new TermTrie();
    trie.add(termSteps('border', false)[0], 0);
    const { words } = tokenise(textSource('Border control.'));
    trie.use(words!);
    expect(() => trie.add(termSteps('asylum', false)[0], 1)).toThrow(/after walking/);
  });

  test('what one trie holds is not found by another (nodes without children or entries share nothing writable)', () => {
    const filled = new TermTrie();
    filled.add(termSteps('border control', false)[0], 0);
    filled.add(termSteps('secur*', false)[0], 1);
    filled.add(termSteps('asylum', false)[0], 2);
    const empty = new TermTrie();
    for (const word of ['border', 'control', 'security', 'asylum']) expect(empty.roleOf(word, word)).toBe(0);
    expect(filled.roleOf('border', 'border')).toBe(ROLE_FIRST);
    expect(filled.roleOf('control', 'control')).toBe(ROLE_LATER);
    expect(filled.roleOf('security', 'security')).toBe(ROLE_ALONE);
  });

  test("a word's role: whole term, first word, later word, by form, lemma or prefix, several at once", () => {
    const trie = new TermTrie();
    trie.add(termSteps('border', false)[0], 0);
    trie.add(termSteps('border control', false)[0], 1);
    trie.add(termSteps('human secur*', false)[0], 2);
    trie.add(termSteps('protect border', true)[0], 3);
    expect(trie.roleOf('border', 'border')).toBe(ROLE_ALONE | ROLE_FIRST | ROLE_LATER);
    expect(trie.roleOf('securitisation', 'securitisation')).toBe(ROLE_LATER);
    expect(trie.roleOf('secure', 'secure')).toBe(ROLE_LATER);
    expect(trie.roleOf('protecting', 'protect')).toBe(ROLE_FIRST);
    expect(trie.roleOf('sec', 'sec')).toBe(0);
    expect(trie.roleOf('human', 'human')).toBe(ROLE_FIRST);
  });
});
