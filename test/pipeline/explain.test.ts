import { copyFile, cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, test } from 'vitest';
import { makeProject, runCli, startCli } from './cli-process.js';

const FILE = 'hungary-unga-general-debate-2018.txt';
const cleanup: string[] = [];
afterAll(() => Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('hsframe explain and the manifest', () => {
  test('explain lists the matches behind a row: totals equal its cells, each match in its sentence', async () => {
    const project = await makeProject([FILE]);
    cleanup.push(project.dir);
    const run = await runCli(['run', project.pipeline, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const [row] = parse(await readFile(join(project.out, 'scores.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const explained = await runCli(['explain', FILE, '--pipeline', project.pipeline]);
    expect(explained.code, explained.stderr).toBe(0);
    const totals = Object.fromEntries([...explained.stdout.matchAll(/^ {2}(\w+) +(\d+) +(\d+)$/gm)].map((match) => [match[1], Number(match[2])]));
    for (const category of ['state_centric', 'people_centric', 'personal', 'political']) expect(totals[category]).toBe(Number(row[`${category}_hits`]));
    expect(explained.stdout).toMatch(/sentence \d+, chars \d+-\d+ {2}state_centric {2}"[^"]+" \(security-frames\)\n {2}.*\[\[.+\]\]/);
    const only = await runCli(['explain', FILE, '--pipeline', project.pipeline, '--category', 'food']);
    expect(only.stdout).not.toContain('state_centric');
    const unknown = await runCli(['explain', FILE, '--pipeline', project.pipeline, '--category', 'nope']);
    expect(unknown.code).toBe(2);
  }, 60_000);

  test('explain reads a PDF only once a worker thread, which the time limit stops, has read it', async () => {
    const project = await makeProject([]);
    cleanup.push(project.dir);
    await copyFile(join(import.meta.dirname, '../fixtures/formats/text.pdf'), join(project.corpus, 'text.pdf'));
    const run = await runCli(['run', project.pipeline, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const [row] = parse(await readFile(join(project.out, 'scores.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const explained = await runCli(['explain', 'text.pdf', '--pipeline', project.pipeline]);
    expect(explained.code, explained.stderr).toBe(0);
    expect(explained.stdout).toContain(`${row.tokens} tokens`);
    const pipeline = await readFile(project.pipeline, 'utf8');
    await writeFile(project.pipeline, pipeline.replace('options:\n', 'options:\n  max_seconds_per_document: 0.001\n'));
    const stopped = await runCli(['explain', 'text.pdf', '--pipeline', project.pipeline]);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('text.pdf  FILE_TOO_SLOW');
  }, 60_000);

  test('--text prints the text as scored, whose characters the offsets of matches.csv count; fractional totals are rounded as scores.csv rounds them', async () => {
    const project = await makeProject([]);
    cleanup.push(project.dir);
    await writeFile(join(project.corpus, 'spaced.txt'), '\ufeffThe   Union\r\n  strengthens border control 😀 and human   rights.\r\n\r\n\r\nIt protects refugees.\r\n');
    const lexicon = join(project.dir, 'weighted.yaml');
    await writeFile(lexicon, 'name: w\nversion: 1.0.0\nlanguage: en\ndescription: w\ncategories:\n  a:\n    label: A\n    description: A\n    entries:\n      - {term: border control, weight: 0.1, source: x}\n      - {term: human rights, weight: 0.2, source: x}\n      - {term: refugees, weight: 0.7, source: x}\n');
    await writeFile(project.pipeline, `name: weighted\ncorpus: corpus\nlexicons: [${lexicon}]\noutput: out\n`);
    const run = await runCli(['run', project.pipeline, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const text = (await runCli(['explain', 'spaced.txt', '--pipeline', project.pipeline, '--text'])).stdout;
    const matches = parse(await readFile(join(project.out, 'matches.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(matches.map((match) => match.matched_text)).toEqual(['border control', 'human rights', 'refugees']);
    for (const match of matches) expect(text.slice(Number(match.start), Number(match.end))).toBe(match.matched_text);
    const explained = await runCli(['explain', 'spaced.txt', '--pipeline', project.pipeline]);
    expect(explained.stdout).toMatch(/^ {2}a +1\.000 +0$/m);
  }, 60_000);

  test('a match in a very long sentence is shown with at most 300 characters on either side', async () => {
    const project = await makeProject([]);
    cleanup.push(project.dir);
    await writeFile(join(project.corpus, 'long.txt'), `${'word '.repeat(2_000)}border control ${'word '.repeat(2_000)}`);
    const explained = await runCli(['explain', 'long.txt', '--pipeline', project.pipeline]);
    expect(explained.code, explained.stderr).toBe(0);
    const [line] = explained.stdout.split('\n').filter((text) => text.includes('[[border control]]'));
    expect(line).toMatch(/^ {2}…word( word)*[^\]]*\[\[border control\]\] (word )*word…$/);
    expect(line.length).toBeLessThanOrEqual(2 + 1 + 300 + '[[border control]]'.length + 300 + 1);
  }, 60_000);

  test('an id as scores.csv writes it, with the quote before a formula-like name, finds its document', async () => {
    const project = await makeProject([]);
    cleanup.push(project.dir);
    await writeFile(join(project.corpus, '=cmd.txt'), 'Border control and human rights.\n');
    const run = await runCli(['run', project.pipeline, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const [row] = parse(await readFile(join(project.out, 'scores.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(row.doc_id).toBe("'=cmd.txt");
    for (const id of [row.doc_id, '=cmd.txt']) {
      const explained = await runCli(['explain', id, '--pipeline', project.pipeline]);
      expect(explained.code, explained.stderr).toBe(0);
      expect(explained.stdout).toContain('[[Border control]]');
    }
  }, 60_000);

  test('explain scores with the tokeniser of the last run, as manifest.json records it: its totals are that run\'s', async () => {
    const file = 'us-eo-refugee-resettlement-climate-migration-2021.txt';
    const project = await makeProject([file]);
    cleanup.push(project.dir);
    expect((await runCli(['run', project.pipeline, '--quiet', '--tokeniser', 'wink.v1'])).code).toBe(0);
    const [row] = parse(await readFile(join(project.out, 'scores.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const explained = await runCli(['explain', file, '--pipeline', project.pipeline, '--category', 'people_centric']);
    expect(explained.stdout).toMatch(new RegExp(`^ {2}people_centric +${row.people_centric_hits} +\\d+$`, 'm'));
  }, 60_000);

  test('--out names the run: its tokeniser and corpus folder are used, and a lexicon changed since that run is warned of', async () => {
    const file = 'us-eo-refugee-resettlement-climate-migration-2021.txt';
    const project = await makeProject([file]);
    cleanup.push(project.dir);
    const [other, elsewhere] = [join(project.dir, 'other-out'), join(project.dir, 'elsewhere')];
    await cp(project.corpus, elsewhere, { recursive: true });
    expect((await runCli(['run', project.pipeline, '--quiet'])).code).toBe(0);
    expect((await runCli(['run', project.pipeline, '--quiet', '--tokeniser', 'wink.v1', '--corpus', elsewhere, '--out', other])).code).toBe(0);
    // The pipeline's own corpus no longer holds the document: only the run's corpus folder does.
    await rm(join(project.corpus, file));
    const [row] = parse(await readFile(join(other, 'scores.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const matches = parse(await readFile(join(other, 'matches.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const explained = await runCli(['explain', file, '--pipeline', project.pipeline, '--out', other]);
    expect(explained.code, explained.stderr).toBe(0);
    expect(explained.stderr).toBe('');
    expect(explained.stdout).toMatch(new RegExp(`^ {2}people_centric +${row.people_centric_hits} +\\d+$`, 'm'));
    // Each match where matches.csv has it: the same sentence and characters.
    const shown = [...explained.stdout.matchAll(/^sentence (\d+), chars (\d+)-(\d+) {2}(\w+)/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]} ${m[4]}`);
    expect(shown).toEqual(matches.map((match) => `${match.sentence} ${match.start} ${match.end} ${match.category}`));
    // A lexicon edited since the run: the matches may differ from its matches.csv, and a warning says so.
    const edited = join(project.dir, 'security-frames.yaml');
    await writeFile(edited, (await readFile(join(import.meta.dirname, '../../lexicons/security-frames.yaml'), 'utf8')).replace('version: ', '# edited\nversion: '));
    const pipeline = await readFile(project.pipeline, 'utf8');
    await writeFile(project.pipeline, pipeline.replace(/lexicons: \[[^,]+,/, `lexicons: [${edited},`));
    const warned = await runCli(['explain', file, '--pipeline', project.pipeline, '--out', other]);
    expect(warned.code, warned.stderr).toBe(0);
    expect(warned.stderr).toContain(`${other}  LEXICON_CHANGED  warning: the lexicons have changed since the run that wrote this folder`);
  }, 60_000);

  test('explain refuses a file no run reads as a document, says a document in another language was not scored, and escapes what could steer a terminal', async () => {
    const project = await makeProject([]);
    cleanup.push(project.dir);
    await writeFile(join(project.corpus, 'SOURCES.md'), 'Border control.\n');
    await writeFile(join(project.corpus, 'notes.csv'), 'Border control.\n');
    await writeFile(project.pipeline, (await readFile(project.pipeline, 'utf8')).replace('options:\n', 'options:\n  exclude: [SOURCES.md]\n'));
    for (const [id, why] of [['SOURCES.md', "the pipeline's include or exclude leaves it out"], ['notes.csv', "its extension is not one of the pipeline's"], ['.hidden.txt', 'names that start with "." are never read']]) {
      const refused = await runCli(['explain', id, '--pipeline', project.pipeline]);
      expect(refused.code, id).toBe(2);
      expect(refused.stderr, id).toContain(`${id} is not a document of this pipeline's corpus: ${why}`);
    }
    await writeFile(join(project.corpus, 'fr.txt'), "Les réfugiés ont droit à la protection et à la dignité. La frontière de l'Union est contrôlée par les États membres.\n");
    const french = await runCli(['explain', 'fr.txt', '--pipeline', project.pipeline]);
    expect(french.code).toBe(0);
    expect(french.stderr).toContain('fr.txt  LANGUAGE_NOT_SCORED');
    expect(french.stdout).toMatch(/not scored: no totals \(its counts in scores\.csv are empty\)\n$/);
    await writeFile(join(project.corpus, 'esc.txt'), `\u001b]0;title\u0007 Heading\n\nBorder security\u001b[2J is discussed here. ${'Border security is discussed in this long sentence. '.repeat(20)}\n`);
    const escaped = await runCli(['explain', 'esc.txt', '--pipeline', project.pipeline]);
    // A title holds no control characters (they are spaces); the text's are escaped.
    expect(escaped.stdout.startsWith('esc.txt  "]0;title Heading"')).toBe(true);
    expect(escaped.stdout).toContain('\\x1b[2J');
    expect(escaped.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  }, 60_000);

  test('a reader that closes standard output early (as `| head` does) ends the command quietly', async () => {
    const project = await makeProject([]);
    cleanup.push(project.dir);
    await writeFile(join(project.corpus, 'long.txt'), 'Border control and human rights. '.repeat(20_000));
    const { child, done } = startCli(['explain', 'long.txt', '--pipeline', project.pipeline]);
    child.stdout!.once('data', () => child.stdout!.destroy());
    const finished = await done;
    expect(finished.stderr).not.toMatch(/EPIPE|Error/);
    expect(finished.code).toBe(0);
  }, 60_000);

  test('manifest.json says what a methods section needs', async () => {
    const project = await makeProject([FILE]);
    cleanup.push(project.dir);
    await runCli(['run', project.pipeline, '--quiet']);
    const manifest = JSON.parse(await readFile(join(project.out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ tool: { name: 'hsframe' }, node: process.version, corpus: { files: 1 }, counts: { scored: 1, cached: 0, failed: 0, skipped: 0 } });
    expect(manifest.corpus.bytes).toBeGreaterThan(10_000);
    expect(manifest.lexicons.map((lexicon: { id: string }) => lexicon.id)).toEqual(['security-frames', 'undp-human-security']);
    for (const lexicon of manifest.lexicons) expect(lexicon.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(manifest.finished_at)).toBeGreaterThanOrEqual(Date.parse(manifest.started_at));
    expect(manifest.options).toMatchObject({ tokeniser: expect.any(String), format: 'wide', segments: 'none' });
  }, 60_000);
});
