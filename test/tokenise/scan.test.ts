import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { findDocuments, readDocument } from '../../src/ingest/index.js';
import { loadScorer, textSource } from '../../src/pipeline/index.js';
import { tokenise } from '../../src/tokenise/index.js';

const scan = (text: string) => tokenise(textSource(text), { tokeniser: 'scan.v1', language: 'en' });
const norms = (text: string) => scan(text).tokens.toArray().map((token) => token.norm);

describe('scan.v1 tokeniser', () => {
  test.for([
    ['possessives and contractions are split as wink-nlp splits them', "The state's borders don't close; we cannot", ['the', 'state', "'s", 'borders', 'do', "n't", 'close', ';', 'we', 'can', 'not']],
    ['a hyphen is a token between words, but stays inside a prefixed word', 'drug-traffickers and cross-border non-refoulement', ['drug', '-', 'traffickers', 'and', 'crossborder', 'nonrefoulement']],
    ['a hyphen before the number that ends a word joins them, as wink-nlp does; between numbers it does not', 'COVID-19 and EU-27 in 2015-16', ['covid19', 'and', 'eu27', 'in', '2015', '-', '16']],
    ['a prefixed word keeps its key without the hyphen when a clitic follows', "co-operation's aims", ['cooperation', "'s", 'aims']],
    ['abbreviations with inner periods keep their final period', 'The U.S. Government, e.g. here', ['the', 'u.s.', 'government', ',', 'e.g.', 'here']],
    ['numbers are tokens but not words', 'In 2024, 3.5 per cent', ['in', '2024', ',', '3.5', 'per', 'cent']],
    ['a missing space after a period does not join two words', 'these aims.Accordingly, we', ['these', 'aims', '.', 'accordingly', ',', 'we']],
    ['letters outside ASCII are letters', 'Côte d\'Ivoire and Kraków', ['côte', "d'ivoire", 'and', 'kraków']],
  ] as const)('%s', ([, text, expected]) => {
    const doc = scan(text);
    expect(doc.tokens.toArray().map((token) => token.norm)).toEqual(expected);
    // Offsets point at the token's own characters (S23).
    for (const token of doc.tokens) expect(doc.text.slice(token.start, token.end).toLowerCase().replace(/(?<=\p{L})-(?=[\p{L}\p{Nd}])/gu, '')).toBe(token.norm);
  });

  test('a list number before its text without a space ("1.To maintain") is apart from the word, as "1. To" is; inner periods of "U.S" and "3.5" still join', () => {
    const keys = (text: string) => scan(text).words!.keys;
    expect(keys('1.To maintain peace. 2.All Members shall act.')).toEqual(['to', 'maintain', 'peace', 'all', 'members', 'shall', 'act']);
    expect(keys('The U.S. share rose 3.5 per cent in 2.Q.')).toEqual(['the', 'u.s.', 'share', 'rose', 'per', 'cent', 'in', 'q']);
  });

  test('word counts: numbers and punctuation are not words, clitics are', () => {
    expect(scan("In 2024, 3.5 per cent (EUR 50) rose; the state's").wordCount).toBe(8);
    expect(scan('').wordCount).toBe(0);
  });

  test.for([
    ['sentence ends before a capital', 'Borders were closed. Refugees waited! Why? Nobody knew.', 4],
    ['not after titles, initials or abbreviations', 'Mr. Smith met J. Doe of the U.S. Government in Geneva.', 1],
    ['a list number alone is not a sentence', '1. The Organization is based on equality.\n\n2. All Members shall settle disputes.', 2],
    ['a lower-case word after a period continues the sentence', 'See art. 5 and para. 3 of the text.', 1],
    ['legal citations do not end a sentence', 'See pp. 3 and Sect. 2 of Reg. (EU) 2016/399 and Ch. 4 and Subpara. 2 here.', 1],
    ['closing quotes belong to the sentence they end', 'He said "we are safe." Then he left.', 2],
    ['"No." and "Art." before a number cite one; before anything else they may end a sentence', 'See Regulation No. 2016/399 and Art. 5 of it. The answer is no. We disagree. Such is art. The rest follows.', 5],
    ['UN document marks before a number do not end a sentence', 'See A/48/1/Add. 1 and Corr. 2 and Res. 242 of the Council.', 1],
    ['Messrs. goes on', 'Messrs. Smith and Jones spoke.', 1],
    ['a date with inner periods ends a sentence with its final one', 'The Regulation applies from 12.6.2026. Border control shall apply.', 2],
    ['a list item after a full stop starts a sentence', 'Member States shall inform the Commission. (b) the application shall be examined. (iv) the decision is final.', 3],
    ['a bracket after a full stop that is no list label does not', 'Member States shall inform the Commission. (see above) and then act.', 1],
  ] as const)('%s', ([, text, count]) => {
    const doc = scan(text);
    expect(doc.sentences.length).toBe(count);
    expect(doc.sentenceSpans.reduce((sum, span) => sum + span.words, 0)).toBe(doc.wordCount);
  });

  test.for([
    ['a cue negates the next words', 'Migrants are not a security threat.', ['a', 'security', 'threat']],
    ['only the three words after the cue', 'They spared no effort in addressing terrorism today.', ['effort', 'in', 'addressing']],
    ['a hyphen between words does not close the window', 'Not a well-known threat.', ['a', 'well', 'known']],
    ['punctuation closes the window', 'We do not, however, see security.', []],
    ['"not only" asserts', 'It is not only about security but rights.', []],
    ['"n\'t" is a cue', "This isn't a threat.", ['a', 'threat']],
    ['"n\'t only" asserts, as "not only" does', "It isn't only a threat.", []],
    ['"No" before a number cites one, and is no cue', 'Regulation No 562 on border control, but no border control.', ['border', 'control']],
    ['two hyphens are a dash, which closes the window as a dash does', 'It is not--we think--a security threat.', []],
  ] as const)('negation: %s', ([, text, negated]) => {
    expect(scan(text).tokens.toArray().filter((token) => token.isNegated && token.isWord).map((token) => token.norm)).toEqual(negated);
  });

  test('a short English paragraph in the first person is English, not Polish ("i", "do")', () => {
    const doc = scan('The Union protects refugees and their rights in the host country, and it is the task of all of us.\n\nI thank you. I know I speak for many when I say we must act now and protect refugees.');
    expect([doc.language, doc.excludedWords]).toEqual(['en', 0]);
  });

  test('a paragraph in another language is left out and counted as excluded', () => {
    const doc = scan('Migrants need protection and rights in the host country. The state has a duty to protect them, and it is the task of the Union to help it with this.\n\nLes droits des réfugiés sont protégés par la convention et les États ne peuvent pas les expulser vers un pays dangereux.');
    expect(doc.language).toBe('en');
    expect(doc.wordCount).toBe(30);
    expect(doc.excludedWords).toBe(21);
  });

  describe('a typographic apostrophe reads as an ASCII one', () => {
    /** What a tokenised document is to everything after tokenising, as plain data. */
    const reading = (text: string) => {
      const { tokens, sentences, sentenceSpans, paragraphs, wordCount, language, words } = scan(text);
      return { tokens: tokens.toArray(), sentences, sentenceSpans, paragraphs, wordCount, language, words };
    };
    const ascii = (text: string) => text.replace(/[\u2019\u2018\u02bc]/g, "'");
    const typographic = (text: string, apostrophe: string) => text.replaceAll("'", apostrophe);

    test.for(['\u2019', '\u2018', '\u02bc'])('U+%s', (apostrophe) => {
      const texts = [
        "The state's borders don't close; they aren't open. It isn't only a threat.",
        "He said 'we are safe.' Then he left. 'Borders,' she said, 'close.'",
        "In the 1990's, Hawai'i and Côte d'Ivoire's people, o'er the U.S.'s aims'. Then",
        "Refugees' rights. Not the states' duty' 'but ours' 'n' rock'n'roll '' ' '",
        "co-operation's aims, 'cross-border' and COVID-19's toll. We cannot say 'not'.",
      ];
      for (const text of texts) {
        const typed = typographic(text, apostrophe);
        expect(typed).not.toBe(text);
        expect(reading(typed)).toEqual(reading(text));
      }
    });

    test('on the bundled corpus, its own apostrophes and every apostrophe made typographic', async () => {
      const corpus = fileURLToPath(new URL('../../corpora/eu-migration', import.meta.url));
      const { files } = await findDocuments(corpus, ['.txt', '.md'], ['SOURCES.md']);
      let changed = 0;
      for (const file of files) {
        const { doc } = await readDocument(file.path, file.id);
        const text = doc!.text;
        for (const typed of [text, typographic(ascii(text), '\u2019'), typographic(ascii(text), '\u02bc')]) {
          if (typed === ascii(text)) continue;
          changed += 1;
          expect(reading(typed)).toEqual(reading(ascii(text)));
        }
      }
      expect(changed).toBeGreaterThan(files.length);
    });
  });

  describe('a grave or acute accent or a prime between two letters reads as an apostrophe; elsewhere it is itself', () => {
    const reading = (text: string) => {
      const { tokens, sentences, sentenceSpans, paragraphs, wordCount, language, words } = scan(text);
      return { tokens: tokens.toArray(), sentences, sentenceSpans, paragraphs, wordCount, language, words };
    };
    test.for(['`', '\u00b4', '\u2032'])('U+%s', (lookAlike) => {
      // Every apostrophe of these texts stands between two letters.
      const texts = ["The state's borders don't close; they aren't open. It isn't only a threat.", "Côte d'Ivoire's people, Hawai'i and rock'n'roll. The Member State's duty."];
      for (const text of texts) expect(reading(text.replaceAll("'", lookAlike))).toEqual(reading(text));
      // After a digit, before a space, alone or as a quotation mark it is no apostrophe.
      expect(norms(`In the 1990${lookAlike}s, states${lookAlike} rights ${lookAlike}quoted${lookAlike} and 5${lookAlike}.`)).toEqual(['in', 'the', '1990', lookAlike, 's', ',', 'states', lookAlike, 'rights', lookAlike, 'quoted', lookAlike, 'and', '5', lookAlike, '.']);
    });
  });

  test('on the bundled corpus it finds the matches wink-fast.v1 finds, with the same word counts', async () => {
    const corpus = fileURLToPath(new URL('../../corpora/eu-migration', import.meta.url));
    const lexicons = ['security-frames.yaml', 'undp-human-security.yaml'].map((file) => fileURLToPath(new URL(`../../lexicons/${file}`, import.meta.url)));
    const [wink, scanner] = await Promise.all(['wink-fast.v1', 'scan.v1'].map(async (name) => (await loadScorer(lexicons, name as 'scan.v1')).scorer!));
    const { files } = await findDocuments(corpus, ['.txt'], ['SOURCES.md']);
    let [same, total, wordsA, wordsB] = [0, 0, 0, 0];
    for (const file of files) {
      const { doc } = await readDocument(file.path, file.id);
      const [a, b] = [wink.score(doc!), scanner.score(doc!)];
      const key = (scored: typeof a, index: number) => { const hit = scored.doc.hits[index]; return `${hit.entryId}@${scored.doc.tokens.start(hit.range[0])}:${hit.isNegated}`; };
      const keysA = new Set(a.doc.hits.map((_, index) => key(a, index)));
      for (let index = 0; index < b.doc.hits.length; index++) if (keysA.has(key(b, index))) same += 1;
      total += Math.max(a.doc.hits.length, b.doc.hits.length);
      wordsA += a.row.tokens;
      wordsB += b.row.tokens;
    }
    expect(same / total).toBeGreaterThan(0.99);
    expect(Math.abs(wordsB / wordsA - 1)).toBeLessThan(0.001);
  });
});
