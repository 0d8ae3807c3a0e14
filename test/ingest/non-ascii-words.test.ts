import { describe, expect, test } from 'vitest';
import { countNonAsciiWords } from '../../src/ingest/non-ascii-words.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('countNonAsciiWords', () => {
  // [what, bytes, bytes from 0x80 up but 0xA0, those of them in words of their own]
  test.for([
    ['accented letters inside ASCII words', latin1('Les réfugiés à Müller.'), 4, 0],
    ['a word of non-ASCII bytes only (защите in Windows-1251)', latin1('çàùèòå'), 6, 6],
    ['two non-ASCII bytes are too few to make a word', latin1('çà, été'), 4, 0],
    ['an ASCII letter of its own makes a Latin word, however many non-ASCII bytes', latin1('Größe Füße'), 4, 0],
    ['three beside ASCII letters that each follow one are too few (łódź in Windows-1250)', bytes(0xb3, 0xf3, 0x64, 0x9f), 3, 0],
    ['four beside such letters make a word (アプリ in Shift-JIS, whose second bytes may be letters)', bytes(0x83, 0x41, 0x83, 0x76, 0x83, 0x8a), 4, 4],
    ['four in a row count beside letters of their own (GBK after a name)', bytes(0x55, 0x4e, 0xc4, 0xd1, 0xc3, 0xf1, 0x20, 0x61), 4, 4],
    ['a run of one byte repeated is no word (a rule of em dashes)', bytes(0x97, 0x97, 0x97, 0x97, 0x97), 5, 0],
    ['a no-break space is a space (« été », not one word of five)', latin1('«\u00a0été\u00a0»'), 4, 0],
    ['digits and ASCII punctuation part words', latin1('çà1çà.çà'), 6, 0],
  ] as const)('%s', ([, input, nonAscii, inWords]) => {
    expect(countNonAsciiWords(input)).toEqual({ nonAscii, inWords });
  });
});
