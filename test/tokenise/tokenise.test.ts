import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { findDocuments, readDocument } from '../../src/ingest/index.js';
import { textSource } from '../../src/pipeline/index.js';
import { detectLanguage, tokenise, TOKENISERS } from '../../src/tokenise/index.js';

const words = (text: string) => text.toLowerCase().split(/\s+/);

describe('tokenise', () => {
  test('tokens carry offsets, lemmas and negation; sentences cover them', () => {
    const doc = tokenise(textSource('Migrants are not a threat.\nThey were detained.'), { tokeniser: 'wink.v1', language: 'en' });
    expect(doc.tokens.toArray().map((token) => doc.text.slice(token.start, token.end))).toEqual(['Migrants', 'are', 'not', 'a', 'threat', '.', 'They', 'were', 'detained', '.']);
    expect(doc.tokens.toArray().find((token) => token.norm === 'detained')?.lemma).toBe('detain');
    expect(doc.tokens.toArray().filter((token) => token.isNegated).map((token) => token.norm)).toEqual(['a', 'threat']);
    expect(doc.sentences).toEqual([[0, 6], [6, 10]]);
    expect(doc.wordCount).toBe(8);
  });

  test.for(['scan.v1', 'wink-fast.v1', 'wink.v1'] as const)('%s: the same negation window: the three words after a cue, across a hyphen, not after "n\'t only"', (tokeniser) => {
    const negated = (text: string) => tokenise(textSource(text), { tokeniser, language: 'en' }).tokens.toArray().filter((token) => token.isNegated && token.isWord).map((token) => token.norm);
    expect(negated('They spared no effort in addressing terrorism today.')).toEqual(['effort', 'in', 'addressing']);
    expect(negated('Migrants are not a well-known threat.').filter((norm) => norm !== 'well-known')).not.toContain('threat');
    expect(negated('Migrants are never security-threats.')).toContain('threats');
    expect(negated("It isn't only a threat.")).toEqual([]);
    // "No" before a number cites one, and is no cue.
    expect(negated('Regulation (EU) No 2016/399 on border control and Protocol No 4 on expulsion, but no border control.')).toEqual(['border', 'control']);
  });

  // [text, the words negated]
  const WITHDRAWN: [string, string[]][] = [
    // Negated, "discrimination" asserts non-discrimination (codebook §1): the window is withdrawn, for the words before it too.
    ['Access without discrimination.', []],
    ['Access without any discrimination.', []],
    ['They are equal without distinction and without racial discrimination.', ['distinction', 'and']],
    ['There shall be no discrimination against migrants.', []],
    // A cue is not negated by the cue before it, so a match that starts with one is not either.
    ['Not without hope.', []],
    // A double negative asserts: "no X without Y", "cannot … without".
    ['There is no peace without human rights.', ['peace']],
    ['Security cannot be achieved without respect for human rights.', ['be', 'achieved']],
    // Phrases that assert what follows.
    ['There is no doubt that terrorism is a threat.', []],
    ['It goes without saying that borders matter.', []],
    ['Measures include, but are not limited to, border checks.', []],
    ['No less than half of the refugees are children.', []],
    ['None the less, refugees need protection.', []],
    ['Whether or not they are refugees, they have rights.', []],
    ['Many, if not all, refugees need protection.', []],
    // What stays negated: a quoted phrase too.
    ['Migrants are not a security threat.', ['a', 'security', 'threat']],
    ['Refugees are not \u201cillegal migrants\u201d.', ['illegal', 'migrants']],
    ['Refugees are not "illegal" migrants, but people.', ['illegal', 'migrants']],
    // A closing quotation mark closes it: saying “no” to poverty is about poverty.
    ['My country says \u201cno\u201d to poverty and "No" to terrorism.', []],
    ['Refugees are no longer a threat.', ['longer', 'a', 'threat']],
    ['Neither war nor terrorism.', ['war', 'terrorism']],
  ];
  test.for(['scan.v1', 'wink-fast.v1', 'wink.v1'] as const)('%s: the same withdrawn negations', (tokeniser) => {
    const negated = (text: string) => tokenise(textSource(text), { tokeniser, language: 'en' }).tokens.toArray().filter((token) => token.isNegated && token.isWord).map((token) => token.norm);
    for (const [text, words] of WITHDRAWN) expect(negated(text), text).toEqual(words);
  });

  test('scan.v1 (the default) gives each word itself as its lemma', () => {
    const doc = tokenise(textSource('They were detained.'));
    expect(doc.tokens.toArray().map((token) => token.lemma)).toEqual(['they', 'were', 'detained', '.']);
  });

  test.for([
    ['possessives are always split, whatever was read before', "Hitler's and Hitler’s Reich", ['hitler', "'s", 'and', 'hitler', "'s", 'reich']],
    ['contractions', "They don't", ['they', 'do', "n't"]],
  ] as const)('%s', ([, text, norms]) => {
    expect(tokenise(textSource(text)).tokens.toArray().map((token) => token.norm)).toEqual(norms);
  });

  test.for(['scan.v1', 'wink-fast.v1', 'wink.v1'] as const)('%s: a grave or acute accent or a prime between two letters is an apostrophe, as ’ is; elsewhere it is none', (tokeniser) => {
    const words = (text: string) => tokenise(textSource(text), { tokeniser, language: 'en' }).tokens.toArray().filter((token) => token.isWord).map((token) => token.norm);
    const typographic = 'They don’t see the people’s rights of the Member State’s borders.';
    expect(words(typographic)).toEqual(['they', 'do', "n't", 'see', 'the', 'people', "'s", 'rights', 'of', 'the', 'member', 'state', "'s", 'borders']);
    expect(words('They don´t see the people′s rights of the Member State`s borders.')).toEqual(words(typographic));
    expect(words('In the 1990´s the states′ rights, `quoted`, 5′ and ´ alone.')).toEqual(['in', 'the', 's', 'the', 'states', 'rights', 'quoted', 'and', 'alone']);
  });

  test.for([
    ['numbers and punctuation are not words', 'In 2024, 3.5 per cent (EUR 50) rose.', 5],
    ['an empty text has no tokens', '', 0],
    ['hyphenated words count their parts', 'well-being and non-refoulement', 4],
  ] as const)('%s', ([, text, count]) => {
    expect(tokenise(textSource(text)).wordCount).toBe(count);
  });

  test.for([
    ['en', 'The protection of refugees is one of the duties of the States and it has been agreed by all.'],
    ['fr', 'La protection des réfugiés est une obligation des États et elle a été acceptée par tous dans le pays.'],
    ['de', 'Der Schutz der Flüchtlinge ist eine Pflicht der Staaten und wird von allen mit dem Ziel anerkannt.'],
    ['id', 'Penelitian ini bertujuan untuk menganalisis kerja sama yang dilakukan oleh negara dan dari dalam kawasan.'],
    ['und', 'Border control.'],
    // The article "a" is an English word too, not only Hungarian and Portuguese.
    ['en', 'Where a third-country national is subject to a return decision, a Member State may issue a re-entry ban for a period that is proportionate.'],
    ['en', 'Because a life is a life. A Palestinian woman’s life is a life. A Sudanese girl’s life is a life.'],
    ['hu', 'A menekültek védelme az államok kötelessége, és ezt mindenki elismeri, de a határ nem csak egy vonal.'],
  ] as const)('detects %s', ([language, text]) => {
    expect(detectLanguage(words(text))).toBe(language);
  });

  test.for(['scan.v1', 'wink-fast.v1'] as const)('%s: paragraphs end at blank lines (of spaces, tabs or carriage returns too), not at line breaks', (tokeniser) => {
    // The text as a library caller may give it, not tidied by ingest.
    const text = 'First one.\nStill first.\n \t\r\nSecond.\n\n\n\nThird.\n';
    const doc = tokenise({ ...textSource('x'), text }, { tokeniser, language: 'en' });
    expect(doc.paragraphSpans.map((span) => text.slice(span.start, span.end))).toEqual(['First one.\nStill first.', 'Second.', 'Third.']);
  });

  test('paragraphs in another language are left out and counted', () => {
    const english = 'The Union shall ensure the protection of the rights of migrants and of their families in all of the Member States.';
    const indonesian = 'Penelitian ini bertujuan untuk menganalisis kerja sama yang dilakukan oleh Uni Eropa dan Ukraina dalam menangani migrasi dari perspektif keamanan manusia.';
    const doc = tokenise(textSource(`${english}\n\n${indonesian}\n\n${english}`));
    expect(doc.language).toBe('en');
    expect(doc.excludedWords).toBe(21);
    expect(doc.wordCount).toBe(42);
    expect(doc.text.slice(doc.tokens.at(-1)!.start)).toBe('.');
  });

  test('scan.v1 reads a paragraph of any length whole: a phrase, a negation or a sentence across its 100,000th character is read as in a short text', () => {
    const filler = 'the committee met in the large room and talked about the weather of that day ';
    const sentence = 'We reject not deportations, and strengthen border control here.';
    const short = tokenise(textSource(sentence), { tokeniser: 'scan.v1', language: 'en' });
    for (let shift = 0; shift < 40; shift += 7) {
      const head = filler.repeat(Math.ceil(100_000 / filler.length)).slice(0, 99_990 - shift);
      const doc = tokenise(textSource(`${head.slice(0, head.lastIndexOf(' '))} ${sentence}`), { tokeniser: 'scan.v1', language: 'en' });
      expect(doc.sentences.length, `shift ${shift}`).toBe(1);
      const words = (list: typeof doc.tokens) => list.toArray().slice(-short.tokens.length).map((token) => [token.norm, token.isNegated]);
      expect(words(doc.tokens), `shift ${shift}`).toEqual(words(short.tokens));
    }
  });

  test('for wink-nlp, a paragraph too long to read at once is cut where a sentence starts: its phrases and sentences are whole wherever the cut falls', () => {
    const filler = 'The filler sentence of this paragraph goes on here. ';
    const tail = 'Human rights matter, say the states. Migrants need human rights.';
    for (let shift = 0; shift < filler.length; shift += 3) {
      const text = `${'Word '.repeat(shift)}${filler.repeat(Math.ceil(99_980 / filler.length))}${tail}`;
      for (const tokeniser of ['scan.v1', 'wink-fast.v1'] as const) {
        const doc = tokenise(textSource(text), { tokeniser, language: 'en' });
        // scan.v1 reads the paragraph whole, wink-nlp in parts cut where a sentence starts: the same sentences.
        expect(doc.sentences.length, `${tokeniser}, shift ${shift}`).toBe(Math.ceil(99_980 / filler.length) + 2);
        const humans = [...Array(doc.tokens.length).keys()].filter((i) => doc.tokens.norm(i) === 'human');
        expect(humans.map((i) => doc.tokens.norm(i + 1))).toEqual(['rights', 'rights']);
      }
    }
  }, 60_000);

  test.for(['wink.v1', 'wink-fast.v1', 'scan.v1'] as const)('%s: a period after an abbreviation or an initial ends no sentence within a paragraph', (tokeniser) => {
    const text = 'See Art. 5 on border control. Then he left. It was approved in Jan. 2016 by Prof. Smith and J. Doe.\n\nEnd of the list: see art.\n\nNext.';
    const doc = tokenise(textSource(text), { tokeniser, language: 'en' });
    const sentences = doc.sentences.map(([first, end]) => doc.text.slice(doc.tokens.start(first), doc.tokens.end(end - 1)));
    expect(sentences).toEqual(['See Art. 5 on border control.', 'Then he left.', 'It was approved in Jan. 2016 by Prof. Smith and J. Doe.', 'End of the list: see art.', 'Next.']);
  });

  test('for wink-nlp, a long paragraph is cut at the same place whichever apostrophe a word before a period ends with', () => {
    // A sentence end after "crew'." or "crewʼ." is passed over (letters must come before the period), so the cut is after "crews.".
    const filler = "Ask the crews. Then ask the crew'. ";
    for (let shift = 0; shift < filler.length; shift += 1) {
      const text = `${'x'.repeat(shift)} ${filler.repeat(Math.ceil(100_500 / filler.length))}Rest.`;
      const [doc, typed] = [text, text.replaceAll("'", '\u02bc')].map((variant) => tokenise(textSource(variant), { tokeniser: 'wink-fast.v1', language: 'en' }));
      expect(doc.paragraphSpans.length).toBe(2);
      expect(doc.text.slice(doc.paragraphSpans[0].end - 6, doc.paragraphSpans[0].end)).toBe('crews.');
      expect(typed.paragraphSpans).toEqual(doc.paragraphSpans);
      expect(typed.tokens.toArray()).toEqual(doc.tokens.toArray());
    }
  });

  test('a document in another language is not scored', () => {
    const doc = tokenise(textSource('La protection des réfugiés est une obligation des États et elle a été acceptée par tous dans le pays.'));
    expect(doc.language).toBe('fr');
    expect(doc.wordCount).toBe(0);
    expect(doc.excludedWords).toBeGreaterThan(10);
  });

  test('results do not depend on what was tokenised before (whole bundled corpus, both orders)', async () => {
    const corpus = fileURLToPath(new URL('../../corpora/eu-migration', import.meta.url));
    const { files } = await findDocuments(corpus, ['.txt']);
    const fingerprint = async (order: typeof files) => {
      const prints: Record<string, string> = {};
      for (const file of order) {
        const read = await readDocument(file.path, file.id);
        const doc = tokenise(read.doc!);
        const text = doc.tokens.toArray().map((token) => `${token.start}:${token.norm}/${token.lemma}/${token.isNegated ? 1 : 0}`).join(' ') + JSON.stringify(doc.sentences);
        prints[file.id] = createHash('sha256').update(text).digest('hex');
      }
      return prints;
    };
    const forward = await fingerprint(files);
    expect(await fingerprint([...files].reverse())).toEqual(forward);
  }, 60_000);
});

test.for(TOKENISERS)('%s: a word joined to its prefix by Unicode\'s hyphen or non-breaking hyphen is one word, as with "-"', (tokeniser) => {
  const keys = (text: string) => tokenise(textSource(text), { tokeniser, language: 'en' }).tokens.toArray().filter((token) => token.isWord).map((token) => token.norm);
  const ascii = keys('Irregular cross-border movements and anti-trafficking work.');
  expect(ascii).not.toContain('border');
  for (const hyphen of ['\u2010', '\u2011']) expect(keys(`Irregular cross${hyphen}border movements and anti${hyphen}trafficking work.`)).toEqual(ascii);
});
