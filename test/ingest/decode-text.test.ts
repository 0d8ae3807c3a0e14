import { describe, expect, test } from 'vitest';
import { decodeText } from '../../src/ingest/index.js';

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
