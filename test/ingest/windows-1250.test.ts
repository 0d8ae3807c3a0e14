import { describe, expect, test } from 'vitest';
import { countWindows1250Evidence } from '../../src/ingest/windows-1250.js';

const bytes = (text: string, ...values: number[]) => Uint8Array.from([...Buffer.from(text, 'latin1'), ...values]);

describe('countWindows1250Evidence', () => {
  // [what, bytes, bytes from 0x80 up between two letters, those for Windows-1250, those for Windows-1252]
  test.for([
    ['ł inside a word (z³oty in Windows-1252)', Uint8Array.of(0x7a, 0xb3, 0x6f, 0x74, 0x79), 1, 1, 0],
    ['ą, ż and ť inside words; ł at a word end is not inside one', Uint8Array.of(0x6d, 0xb9, 0x64, 0x20, 0x6d, 0x6f, 0xbf, 0x65, 0x20, 0x61, 0x9d, 0x6f, 0x20, 0x62, 0x79, 0xb3), 3, 3, 0],
    ['ť at a word end counts, as Windows-1252 leaves 0x9D unassigned (Slovak byť, mať); so does Ť before a letter', Uint8Array.of(0x62, 0x79, 0x9d, 0x20, 0x6d, 0x61, 0x9d, 0x2e, 0x20, 0x8d, 0x61), 3, 3, 0],
    ['an unassigned byte alone, with no letter beside it, is in no word', Uint8Array.of(0x20, 0x9d, 0x20), 0, 0, 0],
    ['ě and ů inside words (ì ù, which Windows-1252 languages write only at a word end)', Uint8Array.of(0x6d, 0xec, 0x73, 0x74, 0x6f, 0x20, 0x6d, 0xf9, 0x7a, 0x65), 2, 2, 0],
    ['ì and ù at a word end say nothing (più, così)', bytes('pi\u00f9 cos\u00ec'), 0, 0, 0],
    ['³ after a number or a word, £ before one, ¿ before a word say nothing', bytes('10 m\u00b3 note\u00b9 \u00a35 \u00bfQu\u00e9?'), 0, 0, 0],
    ['œ inside a word says nothing: ś in Windows-1250, a letter in both', bytes('c', 0x9c, ...Buffer.from('ur s'), 0x9c, 0x75, 0x72), 2, 0, 0],
    ['º inside a word says nothing: ş in Windows-1250, a letter in both (nºs)', bytes('n\u00bas'), 1, 0, 0],
    ['à inside a word speaks for Windows-1252 (Gàidhlig: ŕ is rare in Windows-1250 languages), ÿ too', bytes('G\u00e0idhlig L\u00ffs'), 2, 0, 2],
    ['a letter both read alike says nothing (é, ä)', bytes('r\u00e9fugi\u00e9s M\u00e4rz'), 3, 0, 0],
  ] as const)('%s', ([, input, inWords, for1250, for1252]) => {
    expect(countWindows1250Evidence(input)).toEqual({ inWords, for1250, for1252 });
  });
});
