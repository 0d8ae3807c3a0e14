import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { csvBytes, csvRows, DEFAULT_CSV_SETTINGS, defaultCsvRows, parseDefaultCsv, partsBytes, writeAllSync, stringifyRows, flatten, kwic, matchCells, numberCell, parseMatchRows, recodeCsvParts, recodeCsvRows, textCell, toCsv, untextCell, writeFileAtomic, type MatchRow } from '../../src/output/index.js';

describe('textCell', () => {
  // [input, output]
  test.for([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['＝1', "'＝1"], // fullwidth equals sign
    ['＋1', "'＋1"], // fullwidth plus, minus and at signs
    ['－1', "'－1"],
    ['＠x', "'＠x"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['x-1', 'x-1'],
    [' =1', ' =1'],
    ["'quoted", "''quoted"], // a spreadsheet that drops a leading quote would read "quoted", the cell of another value
    ["'", "''"],
    ["'=a", "''=a"], // else it would read back as "=a", the cell of another value
    ["''+1", "'''+1"],
    ['', ''],
    ['1.5', '1.5'],
  ])('%j → %j', ([input, output]) => {
    expect(textCell(input)).toBe(output);
  });
});

describe('untextCell', () => {
  test.for(['=SUM(A1)', '+1', '-2', '@x', '\tx', "'quoted", "'=a", "''=a", "'", 'plain', ''])('recovers %j from its cell', (value) => {
    expect(untextCell(textCell(value))).toBe(value);
  });
});

describe('parseDefaultCsv', () => {
  test('reads back what csvRows writes, as csv-parse does', () => {
    const rows = [
      ['plain', '', ' edge space', 'comma, inside', 'quote " inside', '""', 'line\nbreak', 'crlf\r\nbreak', '…ünïcode 😀', "'=formula"],
      ['', '', '', '', '', '', '', '', '', ''],
      ['last', 'row', 'ends', 'with', 'an', 'empty', 'cell', 'after', 'a', ''],
    ];
    const text = csvRows(rows);
    expect(parseDefaultCsv(text)).toEqual(rows);
    expect(parseDefaultCsv(text)).toEqual(parse(text));
    // Without the last line feed, and with Windows line ends.
    expect(parseDefaultCsv(text.slice(0, -1))).toEqual(rows);
    const windows = csvRows(rows, { ...DEFAULT_CSV_SETTINGS, recordDelimiter: '\r\n' });
    expect(parseDefaultCsv(windows)).toEqual(rows);
    expect(parseDefaultCsv(windows)).toEqual(parse(windows));
    expect(parseDefaultCsv('')).toEqual([]);
  });

  test('refuses a quote that is not closed', () => {
    expect(() => parseDefaultCsv('a,"open\n')).toThrow(/not closed/);
  });
});

describe('stored match rows', () => {
  const row: MatchRow = { docId: 'a;b.txt', sentence: 3, start: 10, end: 18, lexicon: 'security-frames', category: 'people_centric', entry: '=rights', matchedText: 'rights, "all"', isNegated: true, weight: 0.5, kwic: '…the [rights, "all"]\n of…' };
  const text = csvRows([matchCells(row)]);

  test('parse back to the same row', () => {
    expect(parseMatchRows(text)).toEqual([row]);
  });

  test('give the weight as the lexicon does, not rounded, so that a document\'s weights add up to its hits', () => {
    for (const weight of [0.3333, 0.0004, 2, 1.25]) {
      expect(matchCells({ ...row, weight })[9]).toBe(String(weight));
      expect(matchCells({ ...row, weight }, ',')[9]).toBe(String(weight).replace('.', ','));
      expect(parseMatchRows(csvRows([matchCells({ ...row, weight })]))[0].weight).toBe(weight);
    }
  });

  test('are copied unchanged in the default settings and recoded in others', () => {
    const isWeight = (column: number) => column === 9;
    expect(recodeCsvRows(text, DEFAULT_CSV_SETTINGS, isWeight)).toBe(text);
    expect(recodeCsvRows(text, { ...DEFAULT_CSV_SETTINGS, hasBom: true }, isWeight)).toBe(text);
    const settings = { delimiter: ';', decimal: ',', recordDelimiter: '\r\n', hasBom: false } as const;
    expect(recodeCsvRows(text, settings, isWeight)).toBe(csvRows([matchCells(row, ',')], settings));
  });

  test('are recoded a slice of whole records at a time, even where a quoted cell holds line feeds', () => {
    const isSecond = (column: number) => column === 1;
    // Over three megabytes: a slice ends at the first record end past each megabyte.
    const rows = Array.from({ length: 40_000 }, (_, index) => [index % 7 === 0 ? `doc\n"${index}"\n${'x'.repeat(40)}` : `doc ${index} ${'é'.repeat(30)}`, `${index}.5`, 'a,b']);
    const bytes = Buffer.from(defaultCsvRows(rows));
    const settings = { delimiter: ';', decimal: ',', recordDelimiter: '\r\n', hasBom: false } as const;
    const parts = [...recodeCsvParts(bytes, settings, isSecond)];
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.join('')).toBe(recodeCsvRows(bytes.toString('utf8'), settings, isSecond));
    const copied = [...recodeCsvParts(bytes, DEFAULT_CSV_SETTINGS, isSecond)];
    expect(copied).toHaveLength(1);
    expect(copied[0]).toBe(bytes);
    expect([...recodeCsvParts(new Uint8Array(0), settings, isSecond)]).toEqual([]);
  });
});

describe('stringifyRows', () => {
  test.for([
    ['Excel', { delimiter: ',', decimal: '.', recordDelimiter: '\r\n', hasBom: true }],
    ['European', { delimiter: ';', decimal: ',', recordDelimiter: '\n', hasBom: false }],
  ] as const)('%s settings: a cell with a bare line feed or carriage return is quoted, so the record stays whole', ([, settings]) => {
    const rows = [['new\nline.txt', 'a\rb', 'x']];
    const text = stringifyRows(rows, settings);
    expect(text).toBe(`"new\nline.txt"${settings.delimiter}"a\rb"${settings.delimiter}x${settings.recordDelimiter}`);
    expect(parse(text, { delimiter: settings.delimiter, record_delimiter: settings.recordDelimiter })).toEqual(rows);
  });
});

describe('defaultCsvRows', () => {
  test('writes every cell of up to three characters as csv-stringify does in the default settings', () => {
    // Separators, quotes, line breaks, white space at either end, a formula quote, a BOM, letters.
    const alphabet = [',', '"', '\n', '\r', ' ', '\t', '\u00a0', '\u2028', '\ufeff', "'", ';', 'a'];
    let cells = [''];
    const all = [''];
    for (let length = 1; length <= 3; length++) {
      cells = cells.flatMap((cell) => alphabet.map((char) => cell + char));
      all.push(...cells);
    }
    const rows = [];
    for (let i = 0; i < all.length; i += 3) rows.push(all.slice(i, i + 3));
    rows.push([], ['', ''], ['only']);
    expect(defaultCsvRows(rows)).toBe(stringifyRows(rows));
    expect(defaultCsvRows([])).toBe(stringifyRows([]));
    expect(csvRows(rows)).toBe(defaultCsvRows(rows));
    // And csvRows in every layout a run can write: the cells with each delimiter too.
    const withDelimiters = rows.map((row) => row.map((cell) => cell.replaceAll('a', '\t').replaceAll("'", '|')));
    for (const delimiter of [',', ';', '\t', '|']) {
      for (const recordDelimiter of ['\n', '\r\n'] as const) {
        const settings = { ...DEFAULT_CSV_SETTINGS, delimiter, recordDelimiter };
        for (const table of [rows, withDelimiters]) expect(csvRows(table, settings), JSON.stringify(settings)).toBe(stringifyRows(table, settings));
      }
    }
  });
});

describe('csvBytes', () => {
  test('renders rows a part at a time, and the parts are the text of all rows, byte for byte', () => {
    const rows = Array.from({ length: 10_001 }, (_, index) => [`doc ${index}`, index % 3 === 0 ? 'a "quoted", cell' : '…δ€', String(index)]);
    const asked: [number, number][] = [];
    const parts = csvBytes(rows.length, (from, to) => {
      asked.push([from, to]);
      return rows.slice(from, to);
    });
    expect(asked).toEqual([[0, 4096], [4096, 8192], [8192, 10_001]]);
    expect(parts).toHaveLength(3);
    expect(Buffer.concat(parts).toString('utf8')).toBe(defaultCsvRows(rows));
    expect(partsBytes(parts)).toBe(Buffer.byteLength(defaultCsvRows(rows)));
    expect(parseMatchRows([])).toEqual([]);
    expect(csvBytes(0, () => [['x']])).toEqual([]);
  });
});

describe('numberCell', () => {
  // [value, decimals, cell]
  test.for<[number | null, number, string]>([
    [0.5, 4, '0.5000'],
    [1 / 3, 3, '0.333'],
    [2 / 3, 4, '0.6667'],
    [-0.25, 4, '-0.2500'],
    [12, 0, '12'],
    [1234.5678, 3, '1234.568'],
    [null, 4, ''],
    [NaN, 3, ''],
    [Infinity, 3, ''],
    [-0, 3, '0.000'],
    [-0.0001, 3, '0.000'],
    [-0.00004, 4, '0.0000'],
    [-0.4, 0, '0'],
    [0, 0, '0'],
    // Ties round half away from zero, also where the double is a hair short of the tie (toFixed gives 1.00, 0.004, 1.000, 0.0037, -1.00).
    [1.005, 2, '1.01'],
    [0.0045, 3, '0.005'],
    [1.0005, 3, '1.001'],
    [3 / 800, 4, '0.0038'],
    [-1.005, 2, '-1.01'],
    [-0.90625, 4, '-0.9063'],
    [0.5625, 3, '0.563'],
    // Near a tie is not a tie.
    [0.004499999, 3, '0.004'],
    [1.00049999, 3, '1.000'],
  ])('%s with %i decimals → %j', ([value, decimals, cell]) => {
    expect(numberCell(value, decimals)).toBe(cell);
  });
});

describe('toCsv', () => {
  const HEADER = ['doc_id', 'title', 'n'];
  // [name, rows]
  test.for<[string, string[][]]>([
    ['no rows', []],
    ['plain', [['a.txt', 'Title', '1']]],
    ['comma', [['a,b.txt', 'x, y', '2']]],
    ['quotes', [['say "hi".txt', '"quoted"', '3']]],
    ['newlines', [['a.txt', 'line one\nline two', '4'], ['b.txt', 'cr\r\nlf', '5']]],
    ['leading and trailing spaces', [[' a.txt', 'b ', ' ']]],
    ['empty cells', [['', '', '']]],
    ['unicode', [['über/ß.txt', '“Smart” — quotes', '6']]],
  ])('%s: header, \\n line ends, round trip through csv-parse', ([, rows]) => {
    const csv = toCsv(HEADER, rows);
    expect(csv.startsWith('doc_id,title,n\n')).toBe(true);
    expect(csv.endsWith('\n')).toBe(true);
    if (!rows.flat().some((cell) => cell.includes('\r'))) expect(csv).not.toContain('\r');
    expect(parse(csv, { relax_column_count: false })).toEqual([HEADER, ...rows]);
  });

  test('cells with commas, quotes or newlines are quoted, quotes doubled', () => {
    expect(toCsv(['a', 'b', 'c'], [['x,y', 'say "hi"', 'l1\nl2']])).toBe('a,b,c\n"x,y","say ""hi""","l1\nl2"\n');
  });

  test('a carriage return inside a cell is quoted, in every layout', () => {
    expect(toCsv(['a', 'b'], [['x\ry', 'z']])).toBe('a,b\n"x\ry",z\n');
    expect(toCsv(['a', 'b'], [['x\ry', 'z']], { ...DEFAULT_CSV_SETTINGS, delimiter: ';', recordDelimiter: '\r\n' })).toBe('a;b\r\n"x\ry";z\r\n');
  });

  test('plain cells are not quoted, records end in \\n, there is no BOM', () => {
    expect(toCsv(['a', 'b'], [['1', 'x'], ['2', 'y']])).toBe('a,b\n1,x\n2,y\n');
  });

  test('header only when there are no rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe('a,b\n');
  });
});

describe('writeFileAtomic', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsframe-atomic-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('writes, replaces and leaves no temp files', async () => {
    const file = join(dir, 'scores.csv');
    await writeFileAtomic(file, 'first\n');
    expect(await readFile(file, 'utf8')).toBe('first\n');
    await writeFileAtomic(file, 'second\n');
    expect(await readFile(file, 'utf8')).toBe('second\n');
    await writeFileAtomic(file, new Uint8Array([0x61, 0x0a]));
    expect(await readFile(file, 'utf8')).toBe('a\n');
    expect(await readdir(dir)).toEqual(['scores.csv']);
  });

  test('blocking, writes parts one after another', async () => {
    const file = join(dir, 'parts.csv');
    const big = Buffer.alloc(3_000_000, 0x62);
    const writeAll = (parts: Uint8Array[]) => {
      const fd = openSync(file, 'w');
      writeAllSync(fd, parts);
      closeSync(fd);
    };
    writeAll([Buffer.from('a\n'), new Uint8Array(0), big, Buffer.from('é\n')]);
    const written = await readFile(file);
    expect(written.byteLength).toBe(2 + big.byteLength + 3);
    expect(written.subarray(0, 3).toString()).toBe('a\nb');
    expect(written.subarray(-4).toString()).toBe('bé\n');
    writeAll([]);
    expect(await readFile(file, 'utf8')).toBe('');
  });

  test('a failed write throws, keeps the old file and leaves no temp files', async () => {
    const blocker = join(dir, 'plain-file');
    await writeFile(blocker, 'old');
    await expect(writeFileAtomic(join(blocker, 'inside.csv'), 'x')).rejects.toThrow();
    const sub = join(dir, 'keep.csv');
    await writeFileAtomic(sub, 'kept');
    // renaming over a folder fails: the folder stays, no temp file is left behind
    await expect(writeFileAtomic(dir, 'x')).rejects.toThrow();
    expect(await readFile(sub, 'utf8')).toBe('kept');
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('kwic', () => {
  const TEXT = 'The Union will strengthen border control at the external borders.';
  const start = TEXT.indexOf('border control');
  const end = start + 'border control'.length;
  // [name, chars, snippet]
  test.for<[string, number, string]>([
    ['wide context: no ellipses', 100, 'The Union will strengthen [border control] at the external borders.'],
    ['narrow context: ellipses on both sides', 6, '…gthen [border control] at th…'],
    ['zero context', 0, '…[border control]…'],
  ])('%s', ([, chars, snippet]) => {
    expect(kwic(TEXT, start, end, chars)).toBe(snippet);
  });

  test('whitespace and newlines fold to single spaces', () => {
    expect(kwic('a\n\nb  c\td', 3, 4)).toBe('a [b] c d');
  });

  test('the context never cuts a character outside the Basic Multilingual Plane in half', () => {
    const text = 'Refugees 😀😀😀 in Europe need human rights 😀😀 now.';
    const start = text.indexOf('human');
    for (let chars = 1; chars <= 30; chars++) expect(kwic(text, start, start + 'human rights'.length, chars)).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  test('match at the start and the end of the text', () => {
    expect(kwic('border control', 0, 14, 5)).toBe('[border control]');
    expect(kwic('strict border', 7, 13, 40)).toBe('strict [border]');
  });

  test('flatten collapses every run of white space to one space, as its definition does, on generated text', () => {
    const pieces = ['a', 'Bc', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u2028', '\ufeff', '\u3000', ',', '.'];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: next() % 30 }, () => pieces[next() % pieces.length]).join('');
      expect(flatten(text)).toBe(text.replace(/\s+/g, ' '));
    }
  });
});
