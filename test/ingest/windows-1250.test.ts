import { describe, expect, test } from 'vitest';
import { countWindows1250Evidence } from '../../src/ingest/windows-1250.js';

const bytes = (text: string, ...values: number[]) => Uint8Array.from([...Buffer.from(text, 'latin1'), ...values]);

describe('countWindows1250Evidence', () => {
  // [what, bytes, bytes from 0x80 up between two letters, those for Windows-1250 (or ISO-8859-2), those for Windows-1252, those for ISO-8859-2 over Windows-1250, those for Windows-1250 over ISO-8859-2]
  test.for([
    ['ł inside a word (z³oty in Windows-1252)', Uint8Array.of(0x7a, 0xb3, 0x6f, 0x74, 0x79), 1, 1, 0, 0, 0],
    ['ą, ż and ť inside words; ł at a word end is not inside one', Uint8Array.of(0x6d, 0xb9, 0x64, 0x20, 0x6d, 0x6f, 0xbf, 0x65, 0x20, 0x61, 0x9d, 0x6f, 0x20, 0x62, 0x79, 0xb3), 3, 3, 0, 0, 1],
    ['ť at a word end counts, as Windows-1252 leaves 0x9D unassigned (Slovak byť, mať); so does Ť before a letter', Uint8Array.of(0x62, 0x79, 0x9d, 0x20, 0x6d, 0x61, 0x9d, 0x2e, 0x20, 0x8d, 0x61), 3, 3, 0, 0, 3],
    ['an unassigned byte alone, with no letter beside it, is in no word', Uint8Array.of(0x20, 0x9d, 0x20), 0, 0, 0, 0, 0],
    ['ě and ů inside words (ì ù, which Windows-1252 languages write only at a word end)', Uint8Array.of(0x6d, 0xec, 0x73, 0x74, 0x6f, 0x20, 0x6d, 0xf9, 0x7a, 0x65), 2, 2, 0, 0, 0],
    ['ì and ù at a word end say nothing (più, così)', bytes('pi\u00f9 cos\u00ec'), 0, 0, 0, 0, 0],
    ['³ after a number or a word, £ before one, ¿ before a word say nothing', bytes('10 m\u00b3 note\u00b9 \u00a35 \u00bfQu\u00e9?'), 0, 0, 0, 0, 0],
    ['œ inside a word says nothing: ś in Windows-1250, a letter in both', bytes('c', 0x9c, ...Buffer.from('ur s'), 0x9c, 0x75, 0x72), 2, 0, 0, 0, 2],
    ['º inside a word says nothing: ş in Windows-1250, a letter in both (nºs)', bytes('n\u00bas'), 1, 0, 0, 0, 0],
    ['à inside a word speaks for Windows-1252 (Gàidhlig: ŕ is rare in Windows-1250 languages), ÿ too', bytes('G\u00e0idhlig L\u00ffs'), 2, 0, 2, 0, 0],
    ['a letter both read alike says nothing (é, ä)', bytes('r\u00e9fugi\u00e9s M\u00e4rz'), 3, 0, 0, 0, 0],
    // ISO-8859-2 (Latin-2) puts ą ś ť Ą Ś Ź Š Ž Ť where Windows-1250 has ± ¶ » ˇ ¦ ¬ © ® «, and š ž where it has ą ľ.
    ['ą and ś of ISO-8859-2 inside words (m±dry, je¶li): symbols in both Windows encodings', bytes('m\u00b1dry je\u00b6li'), 2, 2, 0, 2, 0],
    ['Ž Š Ť of ISO-8859-2 between capitals (ZDRU®ENÍ, I©TÉ, O«A)', bytes('SCHR\u00c1NKA ZDRU\u00aeEN\u00cd I\u00a9T\u00c9 O\u00abA'), 4, 3, 0, 3, 0],
    ['ś at a word end, and » « © beside a word, say nothing for ISO-8859-2 (»slovo« in a Windows-1250 text)', bytes('wie\u00b6 \u00bbslovo\u00ab \u00a9 2020'), 0, 0, 0, 0, 0],
    ['š and ž of ISO-8859-2 next to letters count together (v\u00b9etko, mo\u00bee, u\u00be): Windows-1250 reads them as Polish ą and Slovak ľ', bytes('v\u00b9etko mo\u00bee u\u00be'), 2, 2, 0, 3, 0],
    ['ą alone (0xB9: Polish in Windows-1250, š in ISO-8859-2) says nothing for ISO-8859-2', bytes('m\u00b9dry s\u00b9'), 1, 1, 0, 0, 0],
    ['ľ alone (0xBE: Slovak in Windows-1250, ž in ISO-8859-2) says nothing for ISO-8859-2', bytes('ve\u00bea \u00beudia'), 1, 1, 0, 0, 0],
    ['bytes 0x80–0x9F next to a letter speak for Windows-1250 over ISO-8859-2, which has control codes there: š, ś, quotes; a dash between spaces is next to none', bytes('ka\u009aa \u009cwiat \u0084tak\u0094 \u0096 a'), 1, 0, 0, 0, 4],
  ] as const)('%s', ([, input, inWords, for1250, for1252, forIso88592, for1250OverIso88592]) => {
    expect(countWindows1250Evidence(input)).toEqual({ inWords, for1250, for1252, forIso88592, for1250OverIso88592 });
  });
});
