import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPORT_COLOURS } from '../../src/output/index.js';
import { makeProject, runCli } from '../pipeline/cli-process.js';
import { decodePng, findColour } from './png.js';

const FILES = ['canada-unga-general-debate-1999.txt', 'hungary-unga-general-debate-2018.txt', 'los-angeles-declaration-migration-protection-2022.txt', 'us-proclamation-guaranteeing-states-protection-against-invasion-2025.txt'];
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
let project: Awaited<ReturnType<typeof makeProject>>;
let html: string;
const hex = (colour: string) => [1, 3, 5].map((at) => parseInt(colour.slice(at, at + 2), 16));

beforeAll(async () => {
  project = await makeProject(FILES);
  const result = await runCli(['run', project.pipeline, '--quiet', '--report']);
  expect(result.code, result.stderr).toBe(0);
  html = await readFile(join(project.out, 'report.html'), 'utf8');
}, 60_000);
afterAll(() => rm(project.dir, { recursive: true, force: true }));

describe('report.html', () => {
  test('is one self-contained file: no scripts, no external resources', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  test('every number is in tables readable without JavaScript', () => {
    expect(html).toContain('<table');
    for (const file of FILES) expect(html).toContain(file);
    expect((html.match(/<circle /g) ?? []).length).toBe(FILES.length * 2);
    expect(html).toMatch(/<title>Guaranteeing The States Protection Against Invasion: state [\d.]+, people [\d.]+ per 1,000 tokens<\/title>/);
  });

  test('hsframe report rebuilds the same charts from scores.csv', async () => {
    const result = await runCli(['report', '--out', project.out]);
    expect(result.code, result.stderr).toBe(0);
    const rebuilt = await readFile(join(project.out, 'report.html'), 'utf8');
    const body = (text: string) => text.replace(/generated [^<]+/, '');
    expect(body(rebuilt)).toBe(body(html));
  });

  test.skipIf(!CHROMIUM)('renders in headless Chromium: scatter points, interval bars and heat map are drawn', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'hsframe-chromium-'));
    const png = join(profile, 'report.png');
    try {
      execFileSync(CHROMIUM!, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--hide-scrollbars', '--window-size=1200,2400', `--screenshot=${png}`, `file://${join(project.out, 'report.html')}`], { stdio: 'ignore', timeout: 60_000 });
      const image = decodePng(await readFile(png));
      const points = findColour(image, hex(REPORT_COLOURS.point));
      const whiskers = findColour(image, hex(REPORT_COLOURS.whisker));
      const heat = findColour(image, REPORT_COLOURS.heat, 2);
      // 8 dots of radius 5–7 px: well over 400 pixels; intervals: 4 bars 4 px thick.
      expect(points.count).toBeGreaterThan(400);
      expect(whiskers.count).toBeGreaterThan(100);
      expect(heat.count).toBeGreaterThan(200);
      // Scatter above the ranking above the heat map, as laid out.
      expect(points.top).toBeLessThan(whiskers.top);
      expect(whiskers.bottom).toBeLessThan(heat.top);
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  }, 90_000);
});

/** Score `project`'s corpus with a lexicon of `entries` (YAML flow entries of state_centric, then of people_centric if any) and write report.html: its text from the run, then rebuilt from scores.csv, without the time each was made. */
async function reportsOf(project: Awaited<ReturnType<typeof makeProject>>, state: readonly string[], people: readonly string[] = []): Promise<[fromRun: string, fromCsv: string]> {
  const category = (id: string, entries: readonly string[]) => `  ${id}:\n    label: ${id}\n    description: ${id}\n    entries:\n${entries.map((entry) => `      - ${entry}\n`).join('')}`;
  const lexicon = join(project.dir, 'weighted.yaml');
  await writeFile(lexicon, `name: w\nversion: 1.0.0\nlanguage: en\ndescription: w\ncategories:\n${category('state_centric', state)}${people.length > 0 ? category('people_centric', people) : ''}`);
  await writeFile(project.pipeline, `name: weighted\ncorpus: corpus\nlexicons: [${lexicon}]\noutput: out\n`);
  expect((await runCli(['run', project.pipeline, '--quiet', '--report'])).code).toBe(0);
  const fromRun = await readFile(join(project.out, 'report.html'), 'utf8');
  expect((await runCli(['report', project.pipeline])).code).toBe(0);
  const fromCsv = await readFile(join(project.out, 'report.html'), 'utf8');
  return [fromRun, fromCsv].map((text) => text.replace(/generated [^<]+/, '')) as [string, string];
}

describe('report.html of awkward corpora', () => {
  test('names that look like formulas, a document in another language, an emoji in a long title and fractional weights: the same report from the run and from scores.csv', async () => {
    const awkward = await makeProject([]);
    try {
      const write = (name: string, text: string) => writeFile(join(awkward.corpus, name), text);
      await write("'=a.txt", 'Refugees need protection of their human rights and dignity in the Union.\n');
      await write('＝b.txt', 'The state must control the border of the Union against threats.\n');
      await write('french.txt', 'Les droits des réfugiés sont protégés par la convention et les États ne peuvent pas les expulser vers un pays dangereux.\n');
      await write('long.md', `# ${'x'.repeat(53)}😀😀 title\n\nRefugees need protection and border control.\n`);
      const [fromRun, fromCsv] = await reportsOf(awkward, ['{term: border, weight: 0.1, source: x}'], ['{term: refugees, weight: 0.1, source: x}', '{term: protection, weight: 0.1, source: x}']);
      const body = (text: string) => text.replace(/generated [^<]+/, '');
      expect(fromCsv).toBe(fromRun);
      // A run in the long layout makes its report from the stored rows: the same report.
      const long = join(awkward.dir, 'long');
      expect((await runCli(['run', awkward.pipeline, '--quiet', '--report', '--format', 'long', '--out', long])).code).toBe(0);
      expect(body(await readFile(join(long, 'report.html'), 'utf8'))).toBe(body(fromRun));
      expect(fromRun).toContain('not scored (another language)');
      expect(fromRun).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\ufffd/);
      expect(fromRun).toContain(">'=a.txt<");
      expect(fromRun).not.toContain("''=a.txt");
      // No shown number carries a floating-point tail (attributes such as coordinates aside).
      expect(fromRun).not.toMatch(/>[^<]*\d\.\d{5,}[^<]*</);
      expect(fromRun).toMatch(/<th scope="row">people_centric<\/th><td>0\.400<\/td>/);
    } finally {
      await rm(awkward.dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('from the run and from scores.csv alike when weights are fractions: totals add the hits as scores.csv rounds them', async () => {
    const project = await makeProject([]);
    try {
      for (let copy = 0; copy < 8; copy++) await writeFile(join(project.corpus, `copy${copy}.txt`), 'Border control and border control again, then border control once more.\n');
      const [fromRun, fromCsv] = await reportsOf(project, ['{term: border control, weight: 0.123, source: x}']);
      expect(fromCsv).toBe(fromRun);
      // Eight rows of 0.369 (3 × 0.123).
      expect(fromRun).toContain('2.952');
    } finally {
      await rm(project.dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('of an empty corpus still lists every category, from the run and from scores.csv alike', async () => {
    const empty = await makeProject([]);
    try {
      await runCli(['run', empty.pipeline, '--quiet', '--report']);
      const fromRun = await readFile(join(empty.out, 'report.html'), 'utf8');
      await runCli(['report', empty.pipeline]);
      const fromCsv = await readFile(join(empty.out, 'report.html'), 'utf8');
      expect(fromCsv.replace(/generated [^<]+/, '')).toBe(fromRun.replace(/generated [^<]+/, ''));
      const long = join(empty.dir, 'long');
      await runCli(['run', empty.pipeline, '--quiet', '--report', '--format', 'long', '--out', long]);
      expect((await readFile(join(long, 'report.html'), 'utf8')).replace(/generated [^<]+/, '')).toBe(fromRun.replace(/generated [^<]+/, ''));
      expect(fromCsv).toContain('<th scope="row">political</th>');
    } finally {
      await rm(empty.dir, { recursive: true, force: true });
    }
  }, 60_000);
});

test('heat map text has at least WCAG AA contrast (4.5:1) on every cell colour', () => {
  const luminance = ([r, g, b]: readonly number[]) => {
    const linear = (channel: number) => (channel / 255 <= 0.04045 ? channel / 255 / 12.92 : ((channel / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const cells = [...html.matchAll(/<td style="background:rgb\((\d+),(\d+),(\d+)\);color:#([0-9a-f]{3})">/g)];
  expect(cells.length).toBeGreaterThan(10);
  for (const [, r, g, b, text] of cells) {
    const [background, foreground] = [luminance([Number(r), Number(g), Number(b)]), luminance([...text].map((digit) => parseInt(digit + digit, 16)))];
    expect((Math.max(background, foreground) + 0.05) / (Math.min(background, foreground) + 0.05)).toBeGreaterThanOrEqual(4.5);
  }
});

test('charts tell documents that share a title apart by their doc_id', async () => {
  const twins = await makeProject(['un-charter-1945.txt']);
  try {
    await writeFile(join(twins.corpus, 'copy.txt'), await readFile(join(twins.corpus, 'un-charter-1945.txt'), 'utf8'));
    expect((await runCli(['run', twins.pipeline, '--quiet', '--report'])).code).toBe(0);
    const report = await readFile(join(twins.out, 'report.html'), 'utf8');
    expect(report).toMatch(/\(copy\.txt\)/);
    expect(report).toMatch(/\(un-charter-1945\.txt\)/);
  } finally {
    await rm(twins.dir, { recursive: true, force: true });
  }
}, 60_000);

test('charts tell apart documents whose long titles are cut to the same label, by their doc_id, in every chart', async () => {
  const long = await makeProject([]);
  try {
    const title = 'Regulation of the European Parliament and of the Council on asylum and migration management';
    for (const name of ['reg1.txt', 'reg2.txt']) await writeFile(join(long.corpus, name), `${title}, ${name}\n\nBorder control and the rights of refugees.\n`);
    expect((await runCli(['run', long.pipeline, '--quiet', '--report'])).code).toBe(0);
    const report = await readFile(join(long.out, 'report.html'), 'utf8');
    for (const name of ['reg1.txt', 'reg2.txt']) {
      // The ranking's label, the heat map's row and the scatter's title each name the document.
      expect(report.match(new RegExp(`…\\s?\\(${name.replace('.', '\\.')}\\)<`, 'g'))?.length, name).toBe(2);
      expect(report, name).toContain(`${title}, ${name} (${name}): state`);
    }
  } finally {
    await rm(long.dir, { recursive: true, force: true });
  }
}, 60_000);

test('charts show the numbers of scores.csv as written there, not rounded again', async () => {
  const scores = parse(await readFile(join(project.out, 'scores.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  for (const row of scores) {
    if (row.framing_index !== '') expect(html).toContain(`: ${row.framing_index} (${row.framing_ci_low} to ${row.framing_ci_high})</title>`);
    if (row.health_per_1k !== '') expect(html).toContain(`>${row.health_per_1k}</td>`);
  }
});
