import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
