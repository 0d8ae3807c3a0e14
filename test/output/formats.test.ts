import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../pipeline/cli-process.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hsframe-formats-'));
  await writeFile(join(dir, 'a-injection.txt'), '=HYPERLINK("http://example.invalid","x")\n\nBorder control and human rights. Refugees need food and health care.\n');
  await writeFile(join(dir, 'b-plain.txt'), 'Migrants are not a threat. Smuggling networks and border surveillance; human dignity and asylum.\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const score = async (...flags: string[]) => {
  const result = await runCli(['score', dir, ...flags]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
};

/** Parse a CSV variant back, turning its numbers into JS numbers where the column is numeric. */
const table = (text: string, delimiter: string, decimal: string) => {
  const rows = parse(text, { bom: true, delimiter, columns: true }) as Record<string, string>[];
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, /^-?\d+([.,]\d+)?$/.test(value) ? Number(value.replace(decimal, '.')) : value])));
};

describe('spreadsheet-safe CSV in every variant', () => {
  test('a formula at the start of a title is neutralised; numbers stay numbers', async () => {
    const rows = table(await score(), ',', '.');
    expect(rows[0].title).toBe(`'=HYPERLINK("http://example.invalid","x")`);
    expect(typeof rows[0].people_centric_per_1k).toBe('number');
    expect(rows[1].framing_index).toBeTypeOf('number');
  });

  test('default is RFC 4180: no BOM, \\n line ends, comma, dot decimals', async () => {
    const text = await score();
    expect(text.startsWith('doc_id,')).toBe(true);
    expect(text).not.toContain('\r\n');
  });

  test.for([
    ['--excel', ['--excel'], ',', '.'],
    ['European locale', ['--delimiter', ';', '--decimal', ','], ';', ','],
    ['Excel in a European locale', ['--excel', '--delimiter', ';', '--decimal', ','], ';', ','],
    ['tab-separated', ['--delimiter', 'tab'], '\t', '.'],
  ] as const)('%s parses back to the same values', async ([, flags, delimiter, decimal]) => {
    const text = await score(...flags);
    if (flags.includes('--excel')) {
      expect(text.startsWith('\ufeff')).toBe(true);
      expect(text.split('\r\n').length).toBe(4);
    }
    expect(table(text, delimiter, decimal)).toEqual(table(await score(), ',', '.'));
  });

  test('--decimal , with a comma delimiter is refused', async () => {
    const result = await runCli(['score', dir, '--decimal', ',']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--decimal , needs another --delimiter');
  });
});

describe('long format and segments', () => {
  test('--format long: one row per document × category, agreeing with the wide table', async () => {
    const wide = table(await score(), ',', '.');
    const long = table(await score('--format', 'long'), ',', '.');
    expect(Object.keys(long[0])).toEqual(['doc_id', 'category', 'hits', 'per_1k', 'share', 'negated_hits']);
    expect(long).toHaveLength(wide.length * 9);
    for (const row of long) {
      const doc = wide.find((candidate) => candidate.doc_id === row.doc_id)!;
      expect(row.hits).toBe(doc[`${row.category}_hits`]);
      expect(row.per_1k).toBe(doc[`${row.category}_per_1k`]);
    }
    const frames = long.filter((row) => row.doc_id === 'b-plain.txt' && ['state_centric', 'people_centric'].includes(row.category as string));
    expect(frames.reduce((sum, row) => sum + (row.share as number), 0)).toBeCloseTo(1, 3);
    expect(frames.find((row) => row.category === 'state_centric')!.negated_hits).toBeGreaterThanOrEqual(1);
  });

  test.for(['sentence', 'paragraph'] as const)('--segments %s: segment hits add up to the document hits', async (kind) => {
    const pipeline = join(dir, 'p.yaml');
    const out = join(dir, `out-${kind}`);
    await writeFile(pipeline, `name: seg\ncorpus: .\nlexicons: [${join(process.cwd(), 'lexicons/security-frames.yaml')}]\noutput: ${out}\noptions: {extensions: [.txt]}\n`);
    const result = await runCli(['run', pipeline, '--segments', kind, '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    const scores = table(await readFile(join(out, 'scores.csv'), 'utf8'), ',', '.');
    const segments = table(await readFile(join(out, 'segments.csv'), 'utf8'), ',', '.');
    for (const doc of scores) {
      const own = segments.filter((row) => row.doc_id === doc.doc_id);
      expect(own.length).toBe(kind === 'sentence' ? doc.sentences : kind === 'paragraph' ? 2 - Number(doc.doc_id === 'b-plain.txt') : 0);
      for (const category of ['state_centric', 'people_centric']) {
        expect(own.reduce((sum, row) => sum + (row[`${category}_hits`] as number), 0)).toBe(doc[`${category}_hits`]);
      }
    }
  });
});
