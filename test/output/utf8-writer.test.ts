import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../../src/evaluate/bootstrap.js';
import { Utf8Writer } from '../../src/output/utf8-writer.js';
import { flatten, textCell } from '../../src/output/index.js';
import { mayStartFormula } from '../../src/output/csv.js';

/** Characters that matter to the writer: ASCII, quotes, white space of every kind, two- and three-byte characters, surrogates paired and alone. */
const PIECES = ['a', 'Z', '7', ' ', '  ', '\n', '\r\n', '\t', '\u000b', '\f', '"', ',', "'", '=', '\u0085', '\u00a0', 'é', 'ß', '\u1680', '\u2003', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '…', '€', '日', '\ud83d\ude00', '\ud83d', '\ude00', '\u0000', '\u007f', '\u07ff', '\u0800', '\uffff'];

function randomText(random: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += PIECES[Math.floor(random() * PIECES.length)];
  return text;
}

function written(write: (out: Utf8Writer) => void): Buffer {
  const out = new Utf8Writer();
  write(out);
  return Buffer.concat(out.finish());
}

describe('mayStartFormula', () => {
  test('is true for every char code a value that textCell neutralises can start with', () => {
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code);
      if (mayStartFormula(code)) continue;
      for (const value of [char, `${char}=1`, `${char}'=1`, `${char}x`]) expect(textCell(value), code.toString(16)).toBe(value);
    }
  });
});

describe('Utf8Writer', () => {
  test('writes text as Buffer.from does, a surrogate without its pair as U+FFFD', () => {
    const random = mulberry32(1);
    for (let round = 0; round < 400; round++) {
      const text = randomText(random, Math.floor(random() * 60));
      expect(written((out) => out.text(text))).toEqual(Buffer.from(text));
    }
  });

  test('writes a range flattened as flatten does, and quoted with its quotes doubled', () => {
    const random = mulberry32(2);
    for (let round = 0; round < 400; round++) {
      const text = randomText(random, 1 + Math.floor(random() * 60));
      const from = Math.floor(random() * text.length);
      const to = from + Math.floor(random() * (text.length - from + 1));
      for (const isFlat of [false, true]) {
        for (const isQuoted of [false, true]) {
          let expected = text.slice(from, to);
          if (isFlat) expected = flatten(expected);
          if (isQuoted) expected = expected.replaceAll('"', '""');
          expect(written((out) => out.range(text, from, to, isFlat, isQuoted)), JSON.stringify([text, from, to, isFlat, isQuoted])).toEqual(Buffer.from(expected));
        }
      }
    }
  });

  test('writes whole numbers in decimal', () => {
    const numbers = [0, 1, 9, 10, 11, 99, 100, 101, 999_999, 1_000_000, 24_000_000, 2 ** 31 - 1];
    expect(written((out) => numbers.forEach((value) => (out.digits(value), out.comma()))).toString()).toBe(numbers.map((value) => `${value},`).join(''));
  });

  test('copies bytes as they are, few or many', () => {
    const few = Buffer.from('abc');
    const many = Buffer.from('x'.repeat(1000));
    expect(written((out) => [few, many, few, new Uint8Array(0)].forEach((bytes) => out.raw(bytes)))).toEqual(Buffer.concat([few, many, few]));
  });

  test('closes a part when the next write would not fit, and a write larger than a part gets a part of its own', () => {
    const out = new Utf8Writer();
    const line = `${'é'.repeat(100)}\n`;
    const huge = 'y'.repeat(3_000_000);
    let expected = '';
    for (let i = 0; i < 20_000; i++) {
      out.text(line);
      expected += line;
    }
    out.text(huge);
    out.text(line);
    expected += huge + line;
    const parts = out.finish();
    expect(parts.length).toBeGreaterThan(3);
    expect(Buffer.concat(parts).toString()).toBe(expected);
    // Finished, the next writer starts empty.
    expect(written((next) => next.text('z'))).toEqual(Buffer.from('z'));
  });

  test('two writers in use at once do not share their room', () => {
    const [first, second] = [new Utf8Writer(), new Utf8Writer()];
    first.text('first');
    second.text('second');
    first.text(' again');
    expect(Buffer.concat(second.finish()).toString()).toBe('second');
    expect(Buffer.concat(first.finish()).toString()).toBe('first again');
  });
});
