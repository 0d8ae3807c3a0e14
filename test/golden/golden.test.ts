import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { findDocuments, readDocument } from '../../src/ingest/index.js';
import { loadPipeline, loadScorer, runPipeline } from '../../src/pipeline/index.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const CASES = (await readdir(HERE, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
const temps: string[] = [];
/** Case, hyphens and typographic apostrophes folded, so a token's text and its normal form compare. */
const fold = (text: string) => text.toLowerCase().replace(/[-\u2010\u2011]/g, '').replace(/’/g, "'");
afterAll(() => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

async function runCase(name: string, concurrency: number): Promise<Record<string, string>> {
  const { config, issues } = await loadPipeline(join(HERE, name, 'pipeline.yaml'));
  expect(issues).toEqual([]);
  const out = await mkdtemp(join(tmpdir(), 'hsframe-golden-'));
  temps.push(out);
  const summary = await runPipeline({ ...config!, options: { ...config!.options, concurrency } }, { output: out });
  expect(summary.fatal).toBe(false);
  const read = (file: string) => readFile(join(out, file), 'utf8');
  const issuesText = summary.issues.map((issue) => `${issue.file}  ${issue.code}  ${issue.message}`.split(HERE).join('<root>/')).join('\n');
  return { scores: await read('scores.csv'), matches: await read('matches.csv'), errors: await read('errors.csv'), issues: `${issuesText}\n` };
}

describe.each(CASES)('golden case %s', (name) => {
  test('outputs match the checked-in expectations', async () => {
    const outputs = await runCase(name, 4);
    await expect(outputs.scores).toMatchFileSnapshot(join(HERE, name, 'expected.csv'));
    await expect(outputs.matches).toMatchFileSnapshot(join(HERE, name, 'expected-matches.csv'));
    await expect(outputs.issues).toMatchFileSnapshot(join(HERE, name, 'issues.txt'));
  });

  test('a second run, in worker threads, gives identical bytes', async () => {
    const [first, second] = [await runCase(name, 1), await runCase(name, 2)];
    expect(second).toEqual(first);
  }, 60_000);

  test('invariants: tokens slice the text, hits lie inside, scores are finite', async () => {
    const { config } = await loadPipeline(join(HERE, name, 'pipeline.yaml'));
    const { scorer } = await loadScorer(config!.lexicons);
    const { files } = await findDocuments(config!.corpus, config!.options.extensions);
    for (const file of files) {
      const read = await readDocument(file.path, file.id);
      if (!read.doc) continue;
      const { doc, row } = scorer!.score(read.doc);
      for (const token of doc.tokens) {
        expect(token.start).toBeLessThan(token.end);
        expect(fold(doc.text.slice(token.start, token.end))).toBe(fold(token.norm));
      }
      for (const hit of doc.hits) {
        expect(hit.range[0]).toBeGreaterThanOrEqual(0);
        expect(hit.range[1]).toBeLessThanOrEqual(doc.tokens.length);
        expect(hit.range[0]).toBeLessThan(hit.range[1]);
      }
      for (const value of [...Object.values(row.hits), ...Object.values(row.per1k), row.framingIndex, row.framingCiLow, row.framingCiHigh, row.nexusShare]) {
        if (value !== null) expect(Number.isFinite(value)).toBe(true);
      }
      if (row.framingIndex !== null) {
        expect(row.framingCiLow!).toBeLessThanOrEqual(row.framingIndex + 1e-12);
        expect(row.framingCiHigh!).toBeGreaterThanOrEqual(row.framingIndex - 1e-12);
      }
    }
  });
});
