import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { addRoleMasks, MergedRoles } from '../../src/classify/classify.js';
import type { CompiledLexicon } from '../../src/document.js';
import { findDocuments, readDocument } from '../../src/ingest/index.js';
import { BUNDLED_LEXICONS, loadScorer } from '../../src/pipeline/index.js';
import { tokenise } from '../../src/tokenise/index.js';
import { scorerFrom } from '../lexicon/helpers.js';

const S = 'source: test';

/** The masks each lexicon's own `roleOf` gives a word, lexicon by lexicon: the definition the merged lookup must meet. */
function expectedRow(lexicons: readonly CompiledLexicon[], key: string, lemma: string): number[] {
  const row = [0, 0, 0];
  lexicons.forEach((lexicon, index) => addRoleMasks(row, 0, lexicon.roleOf(key, lemma), index));
  return row;
}

function mergedRow(roles: MergedRoles, key: string, lemma: string): number[] {
  const table = new Int32Array(5);
  roles.fill(key, lemma, table, 1);
  expect([table[0], table[4]]).toEqual([0, 0]);
  return [...table.subarray(1, 4)];
}

describe('merged roles of several lexicons', () => {
  const crafted = [
    scorerFrom({
      a: [`- {term: border, ${S}}`, `- {term: border control, ${S}}`, `- {term: human secur*, ${S}}`, `- {term: protect border, inflect: true, ${S}}`].join('\n'),
      b: [`- {term: secur*, ${S}}`, `- {term: right to protect, inflect: true, ${S}}`, `- {term: person, inflect: true, ${S}}`].join('\n'),
    }).lexicons[0],
    scorerFrom({ c: [`- {term: protect, inflect: true, ${S}}`, `- {term: controls border*, ${S}}`, `- {term: human, ${S}}`, `- {term: border, ${S}}`].join('\n') }).lexicons[0],
  ];

  test('a word form, its lemma when it differs, and prefixes give the same masks as each lexicon asked in turn', () => {
    const roles = new MergedRoles(crafted);
    const words: [string, string][] = [
      ['border', 'border'], ['borders', 'border'], ['control', 'control'], ['controls', 'control'], ['human', 'human'], ['security', 'security'],
      ['securitisation', 'securitise'], ['sec', 'sec'], ['protecting', 'protect'], ['protects', 'protect'], ['protector', 'protect'], ['protect', 'protect'],
      ['people', 'person'], ['persons', 'person'], ['person', 'person'], ['right', 'right'], ['to', 'to'], ['asylum', 'asylum'], ['', ''], ['b', 'b'],
    ];
    for (const [key, lemma] of words) expect(mergedRow(roles, key, lemma), `${key}/${lemma}`).toEqual(expectedRow(crafted, key, lemma));
    expect(mergedRow(roles, 'protector', 'protect')).not.toEqual([0, 0, 0]);
  });

  test("the bundled lexicons: every word of the bundled corpus, as its own lemma and with another word's lemma", async () => {
    const { scorer } = await loadScorer(BUNDLED_LEXICONS, 'scan.v1');
    const roles = new MergedRoles(scorer.lexicons);
    const corpus = fileURLToPath(new URL('../../corpora/eu-migration', import.meta.url));
    const { files } = await findDocuments(corpus, ['.txt', '.md', '.html']);
    const forms = new Set<string>();
    for (const file of files.slice(0, 4)) {
      const doc = tokenise((await readDocument(file.path, file.id)).doc!);
      for (let i = 0; i < doc.tokens.length; i++) if (doc.tokens.isWord(i)) forms.add(doc.tokens.norm(i));
    }
    const list = [...forms];
    expect(list.length).toBeGreaterThan(1000);
    let withRole = 0;
    list.forEach((key, i) => {
      const lemma = list[(i * 7919) % list.length];
      for (const [form, base] of [[key, key], [key, lemma]]) {
        const expected = expectedRow(scorer.lexicons, form, base);
        expect(mergedRow(roles, form, base), `${form}/${base}`).toEqual(expected);
        if (expected.some((mask) => mask !== 0)) withRole += 1;
      }
    });
    expect(withRole).toBeGreaterThan(100);
  });
});
