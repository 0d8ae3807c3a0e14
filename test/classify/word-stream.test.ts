import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { buildWordStream, createClassifier } from '../../src/classify/index.js';
import type { Hit, TokenisedDoc, WordStream } from '../../src/document.js';
import { findDocuments, readDocument } from '../../src/ingest/index.js';
import { BUNDLED_LEXICONS, loadScorer, textSource } from '../../src/pipeline/index.js';
import { tokenise } from '../../src/tokenise/index.js';
import { compileLexicon } from '../../src/lexicon/index.js';

const FRENCH = 'Les demandeurs de protection internationale ont le droit de rester dans le pays pendant que leur demande est examinée par les autorités.';
/** Hyphens, clitics, numbers, quotes, negation, a sentence without words, and a paragraph in another language (its words are taken out). */
const MIXED = [
  'The Union\'s well-being; "cross-border" crime isn\'t a threat. 2024 — 17 % ... !',
  FRENCH,
  'Human security, not border control: people in need (children) cannot wait. Social security.',
  '',
  FRENCH,
  'They were not detained - but were returned, without discrimination.',
].join('\n\n');

async function bundledDocs(): Promise<TokenisedDoc[]> {
  const corpus = fileURLToPath(new URL('../../corpora/eu-migration', import.meta.url));
  const { files } = await findDocuments(corpus, ['.txt']);
  const docs = [tokenise(textSource(MIXED))];
  for (const file of files) docs.push(tokenise((await readDocument(file.path, file.id)).doc!));
  return docs;
}

/** The stream's columns as plain arrays (typed or not). */
function columns(words: WordStream) {
  const { tokenIndex, keys, lemmas, sentence, breakBefore, negated, formIds } = words;
  return Object.fromEntries(Object.entries({ tokenIndex, keys, lemmas, sentence, breakBefore, negated, formIds }).map(([name, column]) => [name, Array.from(column)]));
}

describe('word stream', () => {
  test('scan.v1 builds, as it reads, the stream classify would build from its tokens', async () => {
    const docs = await bundledDocs();
    expect(docs[0].excludedWords).toBeGreaterThan(0);
    for (const doc of docs) {
      expect(doc.words, doc.id).toBeDefined();
      expect(columns(doc.words!), doc.id).toEqual(columns(buildWordStream(doc)));
    }
  });

  // Two lexicons: a form's row is held in its mark. Three: the marks only tell which of its numbers are not zero.
  test.each([2, 3])('the start filter and the table by form number change no hit (%i lexicons)', async (count) => {
    const docs = await bundledDocs();
    const { scorer } = await loadScorer(BUNDLED_LEXICONS, 'scan.v1');
    const [first] = scorer.lexicons;
    const third = compileLexicon({ ...first.spec, name: 'third' }, { file: first.file, sha256: first.sha256 });
    const lexicons = [...scorer.lexicons, third].slice(0, count);
    const classify = createClassifier(lexicons);
    // Every word tried, by every lexicon, without the classifier's filter.
    const unfiltered = (doc: TokenisedDoc): string[] => {
      const words = buildWordStream(doc);
      const hits = lexicons.flatMap((lexicon) => lexicon.match(words).map((match) => `${match.start}-${match.end}:${lexicon.id}/${match.category}/${match.entryId}`));
      return hits.sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    };
    const positions = (doc: TokenisedDoc, hits: readonly Hit[]): string[] => {
      const words = buildWordStream(doc);
      const wordAt = new Map(Array.from(words.tokenIndex, (token, word) => [token, word]));
      return hits.map((hit) => `${wordAt.get(hit.range[0])}-${wordAt.get(hit.range[1] - 1)! + 1}:${hit.lexiconId}/${hit.category}/${hit.entryId}`);
    };
    let total = 0;
    for (const doc of docs) {
      const expected = unfiltered(doc);
      total += expected.length;
      expect(positions(doc, classify(doc).hits), doc.id).toEqual(expected);
      // Another numbering (as from another thread) that gives this thread's numbers to other forms.
      const ids = [...new Set(doc.words!.formIds)].sort((a, b) => a - b);
      const rotated = new Map(ids.map((id, index) => [id, ids[(index + 1) % ids.length]]));
      const foreign = { ...doc.words!, formIds: Array.from(doc.words!.formIds, (id) => rotated.get(id)!), formSpace: -1 };
      expect(positions(doc, classify({ ...doc, words: foreign }).hits), doc.id).toEqual(expected);
      expect(positions(doc, classify(doc).hits), doc.id).toEqual(expected);
      // Numbers as a long run reaches them: past the table's slots (many sharing one) and past the classifier's bytes by form.
      const spread = { ...doc.words!, formIds: Array.from(doc.words!.formIds, (id) => (id % 2 === 0 ? (id << 8) + 5_000_000 : id + 70_000)), formSpace: -2 };
      expect(positions(doc, classify({ ...doc, words: spread }).hits), doc.id).toEqual(expected);
      expect(positions(doc, classify({ ...doc, words: spread }).hits), doc.id).toEqual(expected);
      // Without numbers, forms are looked up by themselves.
      expect(positions(doc, classify({ ...doc, words: undefined }).hits), doc.id).toEqual(expected);
    }
    expect(total).toBeGreaterThan(1000);
  });
});
