import { describe, expect, test } from 'vitest';
import { decodeText } from '../../src/ingest/index.js';
import { decodeWindows1252 } from '../../src/windows-1252.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const bytes = (...values: number[]) => Buffer.from(values);
const mixed = (...parts: Buffer[]) => decodeText(new Uint8Array(Buffer.concat(parts)));

describe('decodeText: a file that mixes UTF-8 with Windows-1252 or Latin-1', () => {
  test('Windows-1252 quotes among UTF-8 text: each part read in its own encoding', () => {
    // 0x93 and 0x94 are Windows-1252's curly double quotes, control codes in Latin-1.
    const decoded = mixed(utf8('Déjà vu, naïve – réfugiés: '), bytes(0x93), utf8('state'), bytes(0x92), utf8('s borders'), bytes(0x94), utf8(' – encore.'));
    expect(decoded).toEqual({
      text: 'Déjà vu, naïve – réfugiés: “state’s borders” – encore.',
      encoding: 'utf-8+windows-1252',
      warning: 'part of the file is UTF-8 (7 UTF-8 characters) and part is not (3 bytes): each part was read in its own encoding, UTF-8 and windows-1252; save the whole file as UTF-8',
    });
  });

  test('sequences UTF-8 forbids are read byte by byte: an encoded surrogate, an overlong form, a sequence cut short at the end', () => {
    const decoded = mixed(utf8('é à è – “ ” '), bytes(0xed, 0xa0, 0x80), utf8(' '), bytes(0xc0, 0xaf), utf8(' end '), bytes(0xe2, 0x80));
    expect('text' in decoded && decoded.text).toBe('é à è – “ ” í\u00a0€ À¯ end â€');
    expect('encoding' in decoded && decoded.encoding).toBe('utf-8+windows-1252');
  });

  test('a Windows-1252 text with a few UTF-8 characters pasted in: those are read as UTF-8 too', () => {
    const latin = Buffer.from('Les réfugiés à la frontière: Ångström, señor, naïve, été, déjà, où, près, très, après. '.repeat(4), 'latin1');
    const decoded = mixed(latin, utf8('“Déjà vu”'), Buffer.from([0x85]));
    expect('text' in decoded && decoded.text).toBe(`${'Les réfugiés à la frontière: Ångström, señor, naïve, été, déjà, où, près, très, après. '.repeat(4)}“Déjà vu”…`);
    expect('encoding' in decoded && decoded.encoding).toBe('utf-8+windows-1252');
  });

  test('one or two UTF-8 characters among Windows-1252 text are read as UTF-8 too, with the warning', () => {
    const decoded = mixed(utf8('Les réfugiés and border security matter. The r'), bytes(0xe8), utf8('gles of national security apply '), bytes(0x93), utf8('quoted'), bytes(0x94), utf8('.'));
    expect(decoded).toEqual({
      text: 'Les réfugiés and border security matter. The règles of national security apply “quoted”.',
      encoding: 'utf-8+windows-1252',
      warning: 'part of the file is UTF-8 (2 UTF-8 characters) and part is not (3 bytes): each part was read in its own encoding, UTF-8 and windows-1252; save the whole file as UTF-8',
    });
  });

  test('a Windows-1252 text whose accented capitals stand before a symbol (CAFÉ», L’ÉTÉ’s) is read whole as Windows-1252', () => {
    const text = 'Au CAFÉ», l’ÉTÉ’s «RÉFUGIÉS» – déjà vu… £5 €';
    const decoded = decodeText(new Uint8Array(Buffer.from(text.replace(/[’–…€]/g, (char) => String.fromCharCode({ '’': 0x92, '–': 0x96, '…': 0x85, '€': 0x80 }[char]!)), 'latin1')));
    expect(decoded).toEqual({ text, encoding: 'windows-1252' });
  });

  test('a UTF-8 file and a Latin-1 file alone are each read whole, with no warning', () => {
    expect(decodeText(new Uint8Array(utf8('Réfugiés – “à la frontière”')))).toEqual({ text: 'Réfugiés – “à la frontière”', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array(Buffer.from('Réfugiés à la frontière, naïve.', 'latin1')))).toEqual({ text: 'Réfugiés à la frontière, naïve.', encoding: 'iso-8859-1' });
  });
  test('a file with a UTF-8 byte order mark and bytes UTF-8 forbids is UTF-8 in part, with the warning, not Latin-1 throughout', () => {
    const decoded = mixed(bytes(0xef, 0xbb, 0xbf), utf8('Refugees '), bytes(0xe0), utf8(' la frontiere'));
    expect(decoded).toMatchObject({ text: 'Refugees à la frontiere', encoding: 'utf-8+iso-8859-1' });
    expect(decoded).toHaveProperty('warning');
  });
});

describe('decodeText: line ends', () => {
  test('CR LF, CR, the line separator and next line become a line break; the paragraph separator a blank line', () => {
    const text = 'one\r\ntwo\rthree\u2028four\u0085five\u2029six';
    expect(decodeText(new Uint8Array(utf8(text)))).toEqual({ text: 'one\ntwo\nthree\nfour\nfive\n\nsix', encoding: 'utf-8' });
  });

  test('a vertical tab (Word\'s line break, in text copied from it) is a line break, however many, not a sign of a binary file', () => {
    expect(decodeText(new Uint8Array(utf8('border\vcontrol')))).toEqual({ text: 'border\ncontrol', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array(utf8('a\v'.repeat(500))))).toMatchObject({ encoding: 'utf-8' });
  });
});

/** Tables from character to bytes, read off a decoder: each byte from 0x80 up, and each pair of bytes a double-byte encoding may hold. */
const ENCODERS = new Map<string, Map<string, number[]>>();

/**
 * `text` in a legacy encoding, by a table read off Node's TextDecoder (Windows-1252 off
 * `decodeWindows1252`: Node decodes that label as Latin-1); ASCII stays as it is.
 */
function encodeAs(text: string, encoding: string): Uint8Array {
  if (!ENCODERS.has(encoding)) {
    const decode = encoding === 'windows-1252' ? (bytes: Uint8Array) => decodeWindows1252(bytes) : (bytes: Uint8Array) => new TextDecoder(encoding).decode(bytes);
    const table = new Map<string, number[]>();
    const add = (...bytes: number[]) => {
      const char = decode(Uint8Array.from(bytes));
      if ([...char].length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, bytes);
    };
    for (let byte = 0x80; byte <= 0xff; byte++) add(byte);
    if (DOUBLE_BYTE.has(encoding)) for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x40; trail <= 0xfe; trail++) add(lead, trail);
    ENCODERS.set(encoding, table);
  }
  const table = ENCODERS.get(encoding)!;
  return Uint8Array.from([...text].flatMap((char) => (char < '\u0080' ? [char.charCodeAt(0)] : (table.get(char) ?? expect.unreachable(`${encoding} has no ${char}`)))));
}
const DOUBLE_BYTE = new Set(['shift_jis', 'gbk', 'big5', 'euc-kr']);

describe('decodeText: a short text in another script is refused, a short Latin-script text is read', () => {
  // [what, encoding, text]: most non-ASCII bytes stand inside words of ASCII letters, or alone (à, –).
  const LATIN: [string, string, string][] = [
    ['French', 'windows-1252', 'Les réfugiés ont besoin de protection. La sécurité des frontières est également importante.'],
    ['French with no-break spaces and guillemets', 'windows-1252', 'Il a dit\u00a0: «\u00a0Ça suffit\u00a0!\u00a0» Déjà, à côté, où l’été ?'],
    ['French short words', 'windows-1252', 'Ça, çà, où, à, déjà, été.'],
    ['German', 'windows-1252', 'Flüchtlinge brauchen Schutz. Die Größe der Maßnahmen ist äußerst wichtig.'],
    ['Spanish', 'windows-1252', '¿Qué opina él? ¡Sí, señor! Los refugiados necesitan protección.'],
    ['Portuguese', 'windows-1252', 'Não há ação sem razão; às vezes é só isso. A segurança também é importante.'],
    ['Italian', 'windows-1252', 'È necessario, perché la sicurezza è importante. Più città.'],
    ['Danish', 'windows-1252', 'Blåbærsyltetøy på ø og å. Grænsernes sikkerhed er også vigtig.'],
    ['Icelandic', 'windows-1252', 'Það er því þú sem ræður. Öryggi landamæra er líka mikilvægt.'],
    ['Finnish', 'windows-1252', 'Rajojen turvallisuus on myös tärkeää. Pääsy säädöksiä äänestää.'],
    ['English with café', 'windows-1252', 'The café near the border was closed.'],
    ['English with naïve and Müller', 'windows-1252', 'It was a naïve view, Mr Müller said.'],
    ['English with €, dashes and curly quotes', 'windows-1252', 'Prices rose – by €5 – “sharply”… ‘again’ — so it’s said.'],
    ['a line of punctuation', 'windows-1252', '€ – “ ” … € – “ ” — ‘ ’ •'],
    ['a rule of em dashes', 'windows-1252', 'Title\n————————————————————\nBody.'],
    ['one word', 'windows-1252', 'été'],
    ['one word of two accented letters', 'windows-1252', 'çà'],
    ['one word with a capital', 'windows-1252', 'Ørsted'],
    ['Swedish', 'windows-1252', 'Alla människor är födda fria och lika i värde och rättigheter. Flyktingar behöver skydd och gränsernas säkerhet är också viktig.'],
    ['Norwegian', 'windows-1252', 'Alle mennesker er født frie og med samme menneskeverd. Sikkerhet ved grensene, brød, kjærlighet, særlig, første.'],
    ['Catalan', 'windows-1252', 'Tots els éssers humans neixen lliures. La història, pròxim, còpia, l’àmbit, època, també, això, aquí. Col·lecció, il·legal.'],
    ['Dutch', 'windows-1252', 'Alle mensen worden vrij en gelijk geboren. Geïnteresseerd, ideeën, coöperatie, België, reëel, café.'],
    ['Estonian', 'windows-1252', 'Kõik inimesed sünnivad vabadena ja võrdsetena oma väärikuselt ja õigustelt. Õigus, võib, mõju, tõesti.'],
    ['Irish', 'windows-1252', 'Saolaítear gach duine den chine daonna saor agus comhionann i ndínit agus i gcearta.'],
    // Gaelic writes ì and ù inside words, as Czech writes ě and ů in their bytes, and more à, which Windows-1250 reads as Slovak's rare ŕ.
    ['Scottish Gaelic', 'windows-1252', 'Tha iad air am breith le reusan is le cogais agus mar sin bu chòir dhaibh a bhith beò nam measg fhèin ann an spiorad bràthaireil. Gàidhlig, sìth, cùis, mìle, dùthaich, fàilte, bàta.'],
    // ³ ¹ ¿ £ ¥ œ are Windows-1250's ł ą ż Ł Ą ś: in ordinary use they stand after a number or a word, or œ inside a word as it is.
    ['English with £, ³, ¹, ¿ and œ', 'windows-1252', 'The fee was £5 and the tank held 3 m³ of water¹. The cœur of the matter, the Œuvre’s rôle; ¿Qué? said he. £10, ¥200, ½ and ¼ and ¾.'],
    ['French with œ and symbols', 'windows-1252', 'La mise en œuvre est au cœur des préoccupations de ma sœur; CŒUR, manœuvre, vœux, nœud, mœurs. Il a reçu 10 m³ d’eau, 5 £ et le rapport¹. Où qu’ils soient, près, déjà.'],
    ['German with symbols', 'windows-1252', 'Die Größe der Maßnahmen ist äußerst wichtig. Der Preis beträgt 5 £ bzw. 10 m³; siehe Fußnote¹ und Anhang². Österreich, Übersicht.'],
    ['Spanish with ¿ and ordinals', 'windows-1252', 'Los refugiados necesitan protección. Nº 5, 1º y 2ª, según la Ley nºs 3 y 4. ¿Cómo? ¿Dónde? ¿Por qué? ¡Sí, señor!'],
    ['Portuguese with ordinals', 'windows-1252', 'As informações, as ações e as negociações põem em causa a segurança. Leis nºs 8.666 e 1ª instância; às vezes não há razão.'],
    ['Italian', 'windows-1252', 'Tutti gli esseri umani nascono liberi ed eguali in dignità e diritti. Più città, così è, perché però giù; la virtù. PIÙ CITTÀ.'],
  ];
  test.for(LATIN)('%s in %s is read as it is', ([, encoding, text]) => {
    const bytes = encodeAs(text, encoding);
    expect(decodeText(bytes)).toEqual({ text, encoding: bytes.some((byte) => byte >= 0x80 && byte <= 0x9f) ? 'windows-1252' : 'iso-8859-1' });
  });

  // A short Windows-1250 text is a Latin-script text, not refused, whether or not it holds enough to be told from Windows-1252.
  test.for([
    ['Polish', 'Uchodźcy potrzebują ochrony. Zażółć gęślą jaźń.'],
    ['Polish, words with few ASCII letters', 'Pchnąć w tę łódź jeża lub ośm skrzyń fig. Łódź i Żółć, źdźbło.'],
    ['Czech', 'Uprchlíci potřebují ochranu. Příliš žluťoučký kůň úpěl ďábelské ódy.'],
    ['Polish, one word', 'żółć'],
  ])('%s in windows-1250 is not refused', ([, text]) => {
    expect(decodeText(encodeAs(text, 'windows-1250'))).toHaveProperty('encoding');
  });

  // [what, encoding, text]: almost every byte of a word is from 0x80 up.
  const OTHER: [string, string, string][] = [
    ['Russian', 'windows-1251', 'Беженцы нуждаются в защите. Безопасность границ тоже важна.'],
    ['Russian', 'koi8-r', 'Беженцы нуждаются в защите. Безопасность границ тоже важна.'],
    ['Russian, two words', 'windows-1251', 'Права беженцев.'],
    ['Russian with Latin names', 'windows-1251', 'Доклад UNHCR о беженцах в EU, 2020 год.'],
    ['Ukrainian', 'windows-1251', 'Біженці потребують захисту.'],
    ['Greek', 'iso-8859-7', 'Οι πρόσφυγες χρειάζονται προστασία.'],
    ['Japanese', 'shift_jis', '難民は保護を必要としている。国境の安全も重要だ。'],
    ['Japanese, one clause', 'shift_jis', '難民の権利を守る。'],
    ['Chinese', 'gbk', '难民需要保护。边境安全也很重要。'],
    ['Chinese, one clause', 'gbk', '难民需要保护。'],
    ['Chinese in a line of English', 'gbk', 'UNHCR report: 难民需要保护 (2020).'],
    ['Chinese', 'big5', '難民需要保護。邊境安全也很重要。'],
    ['Korean', 'euc-kr', '난민은 보호가 필요하다. 국경 안보도 중요하다.'],
    ['Korean, two words', 'euc-kr', '난민 보호.'],
    ['Hebrew', 'windows-1255', 'פליטים זקוקים להגנה.'],
    ['Arabic', 'windows-1256', 'اللاجئون بحاجة إلى الحماية.'],
  ];
  test.for(OTHER)('%s in %s is refused', ([, encoding, text]) => {
    const decoded = decodeText(encodeAs(text, encoding));
    expect(decoded).toMatchObject({ code: 'FILE_BAD_ENCODING' });
    expect('problem' in decoded && decoded.problem).toMatch(/^file is neither UTF-8 nor a Latin-script text \(\d+ of its \d+ non-ASCII bytes make whole words, as letters of another script do/);
  });

  test('the message counts the non-ASCII bytes that make words of their own', () => {
    const decoded = decodeText(encodeAs('Беженцы нуждаются в защите.', 'windows-1251'));
    expect('problem' in decoded && decoded.problem).toBe('file is neither UTF-8 nor a Latin-script text (22 of its 23 non-ASCII bytes make whole words, as letters of another script do, not letters inside ASCII words): perhaps Shift-JIS, GBK or a Cyrillic or Greek code page, which are not read; save it as UTF-8');
  });
});

describe('decodeText: a Windows-1250 text (Polish, Czech, Slovak) is read as Windows-1250, a Windows-1252 one is not', () => {
  // [what, text]: ł ą ż ľ ť inside words are symbols or unassigned in Windows-1252, ě ů are ì ù, which its languages write only at a word's end.
  test.for([
    ['Polish', 'Wszyscy ludzie rodzą się wolni i równi pod względem swej godności i swych praw. Każdy człowiek posiada wszystkie prawa i wolności zawarte w niniejszej Deklaracji bez względu na różnice rasy, koloru skóry, płci, języka, wyznania, poglądów politycznych, narodowości, pochodzenia społecznego, majątku, urodzenia lub jakiegokolwiek innego stanu.'],
    ['Polish, one sentence', 'Każdy człowiek ma prawo do życia, wolności i bezpieczeństwa swojej osoby; władza państwowa należy do narodu.'],
    ['Czech', 'Všichni lidé rodí se svobodní a sobě rovní co do důstojnosti a práv. Jsou nadáni rozumem a svědomím a mají spolu jednat v duchu bratrství. Uprchlíci potřebují ochranu a bezpečnost hranic je také důležitá pro členské státy. Důvěra v mírové řešení může přinést větší bezpečí.'],
    ['Slovak, its verbs in ť', 'Je potrebné chrániť utečencov, zabezpečiť hranice a posilniť spoluprácu; treba konať, nie čakať.'],
    ['Slovak', 'Všetci ľudia sa rodia slobodní a sebe rovní, čo sa týka ich dôstojnosti a práv. Každý má všetky práva a slobody vyhlásené v tejto deklarácii bez ohľadu na rasu, farbu pleti, pohlavie alebo iné postavenie. Veľmi ťažká a šťastná doba.'],
  ])('%s is read as windows-1250', ([, text]) => {
    expect(decodeText(encodeAs(text, 'windows-1250'))).toEqual({ text, encoding: 'windows-1250' });
  });

  test('too little evidence leaves a Windows-1250 text Windows-1252: two bytes inside words (Zażółć), however clear', () => {
    expect(decodeText(encodeAs('Uchodźcy potrzebują ochrony. Zażółć gęślą jaźń.', 'windows-1250'))).toMatchObject({ encoding: 'windows-1252' });
  });

  test('a few symbols jammed between the words of a long Windows-1252 text do not make it Windows-1250', () => {
    const french = 'Les réfugiés ont besoin de protection; la sécurité des frontières est également très importante à côté. '.repeat(20);
    const text = `${french}Voir la note¹de bas de page, le m³du bassin et le prix£unitaire.`;
    expect(decodeText(encodeAs(text, 'windows-1252'))).toEqual({ text, encoding: 'iso-8859-1' });
  });

  test('a Windows-1250 text with a line break in CR LF is read with its line ends made \\n, as any other', () => {
    const text = 'Każdy człowiek ma prawo do życia,\r\nwolności i bezpieczeństwa; władza należy do narodu.';
    expect(decodeText(encodeAs(text, 'windows-1250'))).toEqual({ text: text.replace('\r\n', '\n'), encoding: 'windows-1250' });
  });
});
