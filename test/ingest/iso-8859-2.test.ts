import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { decodeText, readDocument } from '../../src/ingest/index.js';

/**
 * The bytes of the Polish, Czech and Slovak letters outside ASCII in ISO-8859-2 and Windows-1250,
 * from the standards' tables (checked against iconv), not read off Node's decoders, so that the
 * tests check those too. The two differ in ą ś ź š ť ž ľ and their capitals.
 */
const BYTES: Record<string, readonly [iso88592: number, windows1250: number]> = {
  ą: [0xb1, 0xb9], Ą: [0xa1, 0xa5], ć: [0xe6, 0xe6], Ć: [0xc6, 0xc6], ę: [0xea, 0xea], Ę: [0xca, 0xca], ł: [0xb3, 0xb3], Ł: [0xa3, 0xa3], ń: [0xf1, 0xf1], Ń: [0xd1, 0xd1],
  ó: [0xf3, 0xf3], Ó: [0xd3, 0xd3], ś: [0xb6, 0x9c], Ś: [0xa6, 0x8c], ź: [0xbc, 0x9f], Ź: [0xac, 0x8f], ż: [0xbf, 0xbf], Ż: [0xaf, 0xaf],
  á: [0xe1, 0xe1], Á: [0xc1, 0xc1], ä: [0xe4, 0xe4], č: [0xe8, 0xe8], Č: [0xc8, 0xc8], ď: [0xef, 0xef], é: [0xe9, 0xe9], ě: [0xec, 0xec], í: [0xed, 0xed], ĺ: [0xe5, 0xe5],
  ľ: [0xb5, 0xbe], Ľ: [0xa5, 0xbc], ň: [0xf2, 0xf2], ô: [0xf4, 0xf4], ř: [0xf8, 0xf8], Ř: [0xd8, 0xd8], š: [0xb9, 0x9a], Š: [0xa9, 0x8a], ť: [0xbb, 0x9d], Ť: [0xab, 0x8d],
  ú: [0xfa, 0xfa], Ú: [0xda, 0xda], ů: [0xf9, 0xf9], ý: [0xfd, 0xfd], ž: [0xbe, 0x9e], Ž: [0xae, 0x8e],
};

/** `text` in ISO-8859-2 or Windows-1250 by `BYTES`; ASCII stays as it is. */
function encode(text: string, encoding: 'iso-8859-2' | 'windows-1250'): Uint8Array {
  const column = encoding === 'iso-8859-2' ? 0 : 1;
  return Uint8Array.from([...text].map((char) => (char < '\u0080' ? char.charCodeAt(0) : (BYTES[char]?.[column] ?? expect.unreachable(`no byte for ${char}`)))));
}

// [what, text]
const CENTRAL_EUROPEAN: [string, string][] = [
  ['Polish', 'Wszyscy ludzie rodzą się wolni i równi pod względem swej godności i swych praw. Każdy człowiek posiada wszystkie prawa i wolności zawarte w niniejszej Deklaracji bez względu na różnice rasy, koloru skóry, płci, języka, wyznania, poglądów politycznych, narodowości, pochodzenia społecznego, majątku, urodzenia lub jakiegokolwiek innego stanu.'],
  ['Polish, one sentence', 'Każdy człowiek ma prawo do życia, wolności i bezpieczeństwa swojej osoby; władza państwowa należy do narodu.'],
  // ą and ś are ± and ¶ in ISO-8859-2 read as Windows-1250 or Windows-1252: symbols in both, which the test of Windows-1250 against Windows-1252 alone did not count.
  ['Polish whose only letters outside Latin-1 but ń ę are ą and ś', 'Jeśli ktoś prosi o pomoc, państwo ma obowiązek ją dać; wszyscy mają prawo do ochrony, bez względu na pochodzenie, przekonania i majątek. Ściśle określone są wyjątki.'],
  // š and ž are ¹ and ¾ (ą and ľ in Windows-1250); ť inside a word is ».
  ['Czech', 'Všichni lidé rodí se svobodní a sobě rovní co do důstojnosti a práv. Jsou nadáni rozumem a svědomím a mají spolu jednat v duchu bratrství. Uprchlíci potřebují ochranu a bezpečnost hranic je také důležitá pro členské státy. Důvěra v mírové řešení může přinést větší bezpečí.'],
  ['Slovak', 'Všetci ľudia sa rodia slobodní a sebe rovní, čo sa týka ich dôstojnosti a práv. Každý má všetky práva a slobody vyhlásené v tejto deklarácii bez ohľadu na rasu, farbu pleti, pohlavie alebo iné postavenie. Veľmi ťažká a šťastná doba.'],
];

describe('decodeText: an ISO-8859-2 (Latin-2) text is read as ISO-8859-2, the same text in Windows-1250 as Windows-1250', () => {
  test.for(CENTRAL_EUROPEAN)('%s in ISO-8859-2 is read as iso-8859-2', ([, text]) => {
    expect(decodeText(encode(text, 'iso-8859-2'))).toEqual({ text, encoding: 'iso-8859-2' });
  });

  test.for(CENTRAL_EUROPEAN)('%s in Windows-1250 is read as windows-1250', ([, text]) => {
    expect(decodeText(encode(text, 'windows-1250'))).toEqual({ text, encoding: 'windows-1250' });
  });

  test('a Czech sentence in ISO-8859-2 is read as iso-8859-2 by its š and ž, which Windows-1250 reads as ą and ľ (in Windows-1250 it is too short to tell from Windows-1252)', () => {
    const text = 'Každý má právo na život, svobodu a osobní bezpečnost; všichni lidé jsou si rovni v důstojnosti i právech a mají jednat v duchu bratrství.';
    expect(decodeText(encode(text, 'iso-8859-2'))).toEqual({ text, encoding: 'iso-8859-2' });
  });

  test.for([
    // No ś ź (0x9C 0x9F in Windows-1250) and no quote speak for Windows-1250; its ą (0xB9) is ISO-8859-2's š, but no ž (0xBE) stands beside it.
    ['Polish with ą but no ś, ź or quote', 'Każdy człowiek ma prawo do życia; wszyscy mają też prawo do pracy i są równi wobec prawa, a władza należy do narodu.'],
    // Its ľ (0xBE) is ISO-8859-2's ž, but no š (0xB9) stands beside it.
    ['Slovak with ľ but no š, ž or ť', 'Veľa ľudí býva v meste a veľmi rád číta knihy o ľuďoch, ktorí majú veľké sny; ľahko sa učia a hľadajú pravdu.'],
  ])('%s in Windows-1250 is read as windows-1250, not as ISO-8859-2', ([, text]) => {
    expect(decodeText(encode(text, 'windows-1250'))).toEqual({ text, encoding: 'windows-1250' });
  });

  test('a Windows-1250 text with „quotes” beside its words stays windows-1250 though ± stands between letters twice (a±b)', () => {
    const text = 'Każdy człowiek ma prawo do ochrony, „bez względu na pochodzenie” – jak mówi ustawa; wartość a±b i c±d należy do zbioru.';
    const bytes = Uint8Array.from([...text].flatMap((char) => ({ '„': [0x84], '”': [0x94], '–': [0x96], '±': [0xb1] })[char] ?? [...encode(char, 'windows-1250')]));
    expect(decodeText(bytes)).toEqual({ text, encoding: 'windows-1250' });
  });

  test('a Slovak sentence in ISO-8859-2 whose only letters outside Latin-1 are ť at word ends (») and č stays iso-8859-1: » after a word is a closing quote in Western texts', () => {
    const text = 'Je potrebné chrániť utečencov, zabezpečiť hranice a posilniť spoluprácu; treba konať, nie čakať.';
    expect(decodeText(encode(text, 'iso-8859-2'))).toMatchObject({ encoding: 'iso-8859-1' });
  });

  // Western texts that write ISO-8859-2's letters as the symbols they are in Windows-1252 and Latin-1: beside words and numbers, not between letters.
  test.for([
    ['French with guillemets', 'Il a dit «non», puis «oui» ; «Ça suffit» dit-elle. Déjà, à côté, où l’été ?'],
    ['German with guillemets', 'Er sagte »Nein« und dann »Ja«. Die Größe der Maßnahmen ist äußerst wichtig.'],
    ['Spanish with ¡ and «»', '¡Hola! ¿Qué tal? Dijo «sí», señor; ¡ánimo!'],
    ['English with © ® ± ¶ ¬ ¦', 'Acme® Widgets ©2020, tolerance ±5 mm, see ¶ 3 and ¬A ¦ B. Microsoft® Word and the café’s naïve menu.'],
  ])('%s stays Windows-1252 or Latin-1', ([, text]) => {
    const bytes = Buffer.from(text.replace('’', '\u0092'), 'latin1');
    expect(decodeText(new Uint8Array(bytes))).toEqual({ text, encoding: bytes.some((byte) => byte >= 0x80 && byte <= 0x9f) ? 'windows-1252' : 'iso-8859-1' });
  });
});

test('a Polish text file in ISO-8859-2 is read as such, its encoding named in the document as scores.csv gives it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hsframe-enc-'));
  try {
    const text = 'Prawa człowieka\n\nWszyscy ludzie rodzą się wolni i równi pod względem swej godności i swych praw; każdy ma prawo do życia, wolności i bezpieczeństwa.';
    await writeFile(join(dir, 'pl.txt'), encode(text, 'iso-8859-2'));
    const result = await readDocument(join(dir, 'pl.txt'), 'pl.txt');
    expect(result.doc).toMatchObject({ text, title: 'Prawa człowieka', encoding: 'iso-8859-2' });
  } finally {
    await rm(dir, { recursive: true });
  }
});
