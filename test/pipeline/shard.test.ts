import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isInShard, parseShard } from '../../src/pipeline/index.js';
import { mergeManifests } from '../../src/pipeline/merge-manifests.js';
import { listFiles, makeProject, runCli } from './cli-process.js';

const FILES = ['canada-unga-general-debate-1999.txt', 'hungary-unga-general-debate-2018.txt', 'los-angeles-declaration-migration-protection-2022.txt', 'us-eo-refugee-resettlement-climate-migration-2021.txt', 'us-eo-regional-framework-causes-of-migration-2021.txt'];
const TABLES = ['scores.csv', 'matches.csv', 'errors.csv'];
/** The runs that the merge tests merge: output folder name and run flags. */
const RUNS = [
  ['whole', []],
  ['shard1', ['--shard', '1/3']],
  ['shard2', ['--shard', '2/3']],
  ['shard3', ['--shard', '3/3']],
  ['whole-long', ['--format', 'long']],
  ['half1-long', ['--shard', '1/2', '--format', 'long']],
  ['half2-long', ['--shard', '2/2', '--format', 'long']],
  ['whole-extras', ['--segments', 'sentence', '--report']],
  ['half1-extras', ['--shard', '1/2', '--segments', 'sentence', '--report']],
  ['half2-extras', ['--shard', '2/2', '--segments', 'sentence', '--report']],
  ['half1-long-report', ['--shard', '1/2', '--format', 'long', '--report']],
  ['half2-long-report', ['--shard', '2/2', '--format', 'long', '--report']],
  ['whole-excel', ['--excel', '--delimiter', ';', '--decimal', ',', '--segments', 'paragraph']],
  ['half1-excel', ['--shard', '1/2', '--excel', '--delimiter', ';', '--decimal', ',', '--segments', 'paragraph']],
  ['half2-excel', ['--shard', '2/2', '--excel', '--delimiter', ';', '--decimal', ',', '--segments', 'paragraph']],
] as const;
/** report.html without the time it was made. */
const untimed = (html: string) => html.replace(/generated [^<]*/, 'generated');
const cleanup: string[] = [];
let dir = '';
const at = (...names: readonly string[]) => names.map((name) => join(dir, name));
afterAll(() => Promise.all(cleanup.map((path) => rm(path, { recursive: true, force: true }))));

describe('shards', () => {
  test.for([
    ['1/1', { index: 1, count: 1 }],
    ['2/3', { index: 2, count: 3 }],
    ['0/3', undefined],
    ['4/3', undefined],
    ['a/b', undefined],
    ['1000000/1000000', { index: 1000000, count: 1000000 }],
    // Documents go to shards by a 32-bit hash: so many shards would be empty.
    ['1/1000001', undefined],
    ['1/99999999999999999999', undefined],
  ] as const)('parseShard(%s)', ([text, expected]) => {
    expect(parseShard(text)).toEqual(expected);
  });

  test('mergeManifests: values the shards differ on become null; corpus and counts are summed', () => {
    const shard = (index: number, node: string, at: string) => ({
      node,
      options: { concurrency: 2, shard: `${index}/2` },
      corpus: { path: '/corpus', files: index, bytes: 10 * index },
      counts: { scored: index, failed: 1 },
      started_at: `2025-01-01T00:0${index}:00.000Z`,
      finished_at: at,
    });
    const merged = mergeManifests([shard(2, 'v20.1.0', '2025-01-01T01:00:00.000Z'), shard(1, 'v20.2.0', '2025-01-01T02:00:00.000Z')], { from: ['b', 'a'], outputs: [] });
    expect(merged).toMatchObject({
      node: null,
      options: { concurrency: 2, shard: null },
      corpus: { path: '/corpus', files: 3, bytes: 30 },
      counts: { scored: 3, failed: 2 },
      started_at: '2025-01-01T00:01:00.000Z',
      finished_at: '2025-01-01T02:00:00.000Z',
      merged_from: ['b', 'a'],
    });
  });

  test('every id falls in exactly one shard', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `folder/doc-${i}.txt`);
    for (const id of ids) expect([1, 2, 3, 4].filter((index) => isInShard(id, { index, count: 4 }))).toHaveLength(1);
    const sizes = [1, 2, 3, 4].map((index) => ids.filter((id) => isInShard(id, { index, count: 4 })).length);
    expect(Math.min(...sizes)).toBeGreaterThan(25);
  });
});

describe('hsframe merge', () => {
  beforeAll(async () => {
    const project = await makeProject(FILES);
    cleanup.push(project.dir);
    dir = project.dir;
    for (const [name, flags] of RUNS) {
      const result = await runCli(['run', project.pipeline, '--quiet', ...flags, '--out', join(dir, name)]);
      expect(result.code, result.stderr).toBe(0);
    }
    // Shard 3 as if run with other extensions.
    const [shard3, other] = at('shard3', 'shard3-md');
    await cp(shard3, other, { recursive: true });
    const manifest = JSON.parse(await readFile(join(other, 'manifest.json'), 'utf8'));
    await writeFile(join(other, 'manifest.json'), JSON.stringify({ ...manifest, options: { ...manifest.options, extensions: ['.md'] } }));
    // Shard 3 as if run with an include list (shards run without one have none in their manifests, or an empty one).
    const [included] = at('shard3-included');
    await cp(shard3, included, { recursive: true });
    await writeFile(join(included, 'manifest.json'), JSON.stringify({ ...manifest, options: { ...manifest.options, include: ['a/**'] } }));
    // Shard 3 as if run on another corpus folder.
    const [elsewhere] = at('shard3-elsewhere');
    await cp(shard3, elsewhere, { recursive: true });
    await writeFile(join(elsewhere, 'manifest.json'), JSON.stringify({ ...manifest, corpus: { ...manifest.corpus, path: '/another/corpus' } }));
    // Shard 2 of 2 with its segments.csv lost.
    const [half2, lost] = at('half2-extras', 'half2-lost-segments');
    await cp(half2, lost, { recursive: true });
    await rm(join(lost, 'segments.csv'));
    // Shard 1 with 150,000 more rows of matches of its last document (a table too long to spread into one call's arguments).
    const [many] = at('shard1-many-matches');
    await cp(at('shard1')[0], many, { recursive: true });
    const lines = (await readFile(join(many, 'matches.csv'), 'utf8')).trimEnd().split('\n');
    await writeFile(join(many, 'matches.csv'), [...lines, ...Array.from({ length: 150_000 }, () => lines.at(-1))].join('\n') + '\n');
    // The whole run with its rows of matches in reverse order (its documents' too).
    const [whole, unsorted] = at('whole', 'whole-unsorted');
    await cp(whole, unsorted, { recursive: true });
    const wholeLines = (await readFile(join(unsorted, 'matches.csv'), 'utf8')).trimEnd().split('\n');
    await writeFile(join(unsorted, 'matches.csv'), [wholeLines[0], ...wholeLines.slice(1).reverse()].join('\n') + '\n');
    const [bad] = at('half2-bad-matches');
    await cp(half2, bad, { recursive: true });
    await writeFile(join(bad, 'matches.csv'), 'doc_id,lexicon\n"unclosed,x\n');
    const [short] = at('half2-short-row');
    await cp(half2, short, { recursive: true });
    const shortLines = (await readFile(join(short, 'matches.csv'), 'utf8')).split('\n');
    shortLines[2] = shortLines[2].split(',').slice(0, 3).join(',');
    await writeFile(join(short, 'matches.csv'), shortLines.join('\n'));
    // Shard 1 of 3 with shard 2's matches.csv, as by a copy into the wrong folder.
    const [mixed] = at('shard1-matches-of-shard2');
    await cp(at('shard1')[0], mixed, { recursive: true });
    await cp(join(dir, 'shard2', 'matches.csv'), join(mixed, 'matches.csv'));
    // Shard 2 of 2 with its tables cut off inside their last row, as by a copy that failed.
    for (const name of ['scores.csv', 'errors.csv']) {
      const [cut] = at(`half2-cut-${name}`);
      await cp(half2, cut, { recursive: true });
      const bytes = await readFile(join(cut, name));
      await writeFile(join(cut, name), bytes.subarray(0, bytes.length - 5));
    }
  }, 180_000);

  test.for([
    ['wide', ['shard1', 'shard2', 'shard3'], 'whole'],
    ['long', ['half2-long', 'half1-long'], 'whole-long'],
    ['Excel', ['half2-excel', 'half1-excel'], 'whole-excel'],
  ] as const)('a merge of every shard (%s layout) writes exactly the tables one run writes', async ([layout, shards, whole]) => {
    const [out] = at(`merged-${layout}`);
    const merged = await runCli(['merge', ...at(...shards), '--out', out]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toContain(`${shards.length} shards, ${FILES.length} documents`);
    const tables = layout === 'Excel' ? [...TABLES, 'segments.csv'] : TABLES;
    for (const name of tables) expect(await readFile(join(out, name), 'utf8'), name).toBe(await readFile(join(dir, whole, name), 'utf8'));
  });

  test('a shard with more rows than one call takes as arguments is merged whole', async () => {
    const [out] = at('merged-many');
    const merged = await runCli(['merge', ...at('shard1-many-matches', 'shard2', 'shard3'), '--out', out]);
    expect(merged.code, merged.stderr).toBe(0);
    const rows = async (folder: string) => (await readFile(join(folder, 'matches.csv'), 'utf8')).trimEnd().split('\n').length - 1;
    const parts = await Promise.all(at('shard1-many-matches', 'shard2', 'shard3').map(rows));
    expect(await rows(out)).toBe(parts[0] + parts[1] + parts[2]);
    expect(parts[0]).toBeGreaterThan(150_000);
  });

  test('the merged manifest sums the corpus and counts of the shards and spans their times', async () => {
    const [out] = at('merged-manifest');
    const merged = await runCli(['merge', ...at('shard3', 'shard1', 'shard2'), '--out', out]);
    expect(merged.code, merged.stderr).toBe(0);
    const read = async (folder: string) => JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8'));
    const [manifest, whole, ...shards] = await Promise.all([out, ...at('whole', 'shard1', 'shard2', 'shard3')].map(read));
    expect(manifest.corpus).toEqual(whole.corpus);
    expect(manifest.counts).toEqual(whole.counts);
    expect(manifest.options).toEqual(whole.options);
    expect(manifest.started_at).toBe(shards[0].started_at);
    expect(manifest.finished_at).toBe(shards[2].finished_at);
    expect(manifest.outputs).toEqual([...TABLES, 'manifest.json']);
  });

  test('shards run with --segments and --report merge into the segments.csv and report.html of one run', async () => {
    const [out, whole] = at('merged-extras', 'whole-extras');
    const merged = await runCli(['merge', ...at('half2-extras', 'half1-extras'), '--out', out]);
    expect(merged.code, merged.stderr).toBe(0);
    for (const name of [...TABLES, 'segments.csv']) expect(await readFile(join(out, name), 'utf8'), name).toBe(await readFile(join(whole, name), 'utf8'));
    expect((await readFile(join(out, 'segments.csv'), 'utf8')).split('\n').length).toBeGreaterThan(FILES.length * 10);
    const report = untimed(await readFile(join(out, 'report.html'), 'utf8'));
    expect(report).toContain(`${FILES.length} documents`);
    expect(report).toBe(untimed(await readFile(join(whole, 'report.html'), 'utf8')));
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    const wholeManifest = JSON.parse(await readFile(join(whole, 'manifest.json'), 'utf8'));
    expect(manifest.outputs).toEqual(wholeManifest.outputs);
    // --report on the command line is recorded as the pipeline's report: true would be.
    expect([manifest.options.report, wholeManifest.options.report]).toEqual([true, true]);
  });

  test('a merge without segments and report removes those of an earlier merge into the folder, though its manifest.json was deleted since', async () => {
    const [out] = at('merged-then-plain');
    expect((await runCli(['merge', ...at('half2-extras', 'half1-extras'), '--out', out])).code).toBe(0);
    await rm(join(out, 'manifest.json'));
    const merged = await runCli(['merge', ...at('shard1', 'shard2', 'shard3'), '--out', out]);
    expect(merged.code, merged.stderr).toBe(0);
    expect((await listFiles(out)).filter((name) => !name.startsWith('.hsframe'))).toEqual(['errors.csv', 'manifest.json', 'matches.csv', 'scores.csv']);
  });

  test('shards in the long layout merge their tables; report.html is left out, and the merge says why', async () => {
    const [out] = at('merged-long-report');
    // An earlier merge's segments.csv and report.html in the folder (its manifest lists them) would not match the new tables.
    await mkdir(out);
    for (const name of ['segments.csv', 'report.html', 'manifest.json']) await cp(join(dir, 'whole-extras', name), join(out, name));
    const merged = await runCli(['merge', ...at('half1-long-report', 'half2-long-report'), '--out', out]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toContain('report.html not merged: scores.csv is not in the wide layout');
    expect(await listFiles(out)).toEqual(['errors.csv', 'manifest.json', 'matches.csv', 'scores.csv']);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect([manifest.outputs, manifest.options.report]).toEqual([[...TABLES, 'manifest.json'], false]);
  });

  test('exits 1, as one run over the whole corpus does, when some of the shards\' documents failed', async () => {
    const project = await makeProject(FILES.slice(0, 2));
    cleanup.push(project.dir);
    await writeFile(join(project.corpus, 'empty.txt'), '');
    const shards = ['1/2', '2/2'].map((shard, i) => join(project.dir, `part${i + 1}`));
    for (const [i, out] of shards.entries()) expect((await runCli(['run', project.pipeline, '--quiet', '--shard', `${i + 1}/2`, '--out', out])).code).toBeLessThanOrEqual(1);
    const merged = await runCli(['merge', ...shards, '--out', join(project.dir, 'merged')]);
    expect(merged.code, merged.stderr).toBe(1);
    expect(merged.stderr).toContain('2 documents, and 1 that failed (errors.csv)');
    expect(await readFile(join(project.dir, 'merged', 'errors.csv'), 'utf8')).toContain('empty.txt,ingest,FILE_EMPTY,error');
  });

  test('refuses shards run on different files of the corpus folder (one added between their runs): every shard must be run again', async () => {
    const project = await makeProject(FILES.slice(0, 3));
    cleanup.push(project.dir);
    const shards = [1, 2].map((i) => join(project.dir, `part${i}`));
    const runShard = async (i: number) => expect((await runCli(['run', project.pipeline, '--quiet', '--shard', `${i + 1}/2`, '--out', shards[i]])).code).toBe(0);
    await runShard(0);
    await writeFile(join(project.corpus, 'added.txt'), 'Border security and the human rights of refugees.\n');
    await runShard(1);
    const merged = await runCli(['merge', ...shards, '--out', join(project.dir, 'merged')]);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toContain('differ in the files the corpus folder held (files were added, removed or renamed between their runs: run every shard again)');
    await runShard(0);
    expect((await runCli(['merge', ...shards, '--out', join(project.dir, 'merged')])).code).toBe(0);
  });

  test('refuses a shard that a run is writing (exit 2, RUN_LOCKED), and merges it once the run has ended', async () => {
    const [copy] = at('shard2-locked');
    await cp(join(dir, 'shard2'), copy, { recursive: true });
    // A live run's lock: this host, a live process (pid 1), just refreshed.
    await writeFile(join(copy, '.hsframe', 'lock'), JSON.stringify({ pid: 1, host: hostname(), started: new Date().toISOString() }));
    const [out] = at('merged-locked');
    const merged = await runCli(['merge', ...at('shard1'), copy, ...at('shard3'), '--out', out]);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toContain(`${copy}  RUN_LOCKED  another hsframe run is writing this shard (pid 1 on ${hostname()}`);
    await rm(join(copy, '.hsframe', 'lock'));
    expect((await runCli(['merge', ...at('shard1'), copy, ...at('shard3'), '--out', out])).code).toBe(0);
  });

  test('refuses to merge into one of the shards\' own folders (exit 2), which stays as it was', async () => {
    const [copy] = at('shard1-as-out');
    await cp(join(dir, 'shard1'), copy, { recursive: true });
    const before = await readFile(join(copy, 'scores.csv'), 'utf8');
    const merged = await runCli(['merge', copy, ...at('shard2', 'shard3'), '--out', `${copy}/`]);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toContain("--out is this shard's own folder");
    expect(await readFile(join(copy, 'scores.csv'), 'utf8')).toBe(before);
  });

  test.for([
    ['a missing shard', ['shard1', 'shard2'], ['shard 3/3 missing']],
    ['a shard given twice', ['shard1', 'shard2', 'shard3', 'shard2'], ['shard 2/3 given twice']],
    ['one folder given twice', ['shard1', 'shard1'], ['shard 1/3 given twice', 'shards 2/3, 3/3 missing']],
    ['shards of different N', ['shard1', 'shard2', 'shard3', 'half1-long'], ['shard1 is shard 1/3, ', 'half1-long is shard 1/2']],
    ['a whole run with shards', ['whole', 'shard1', 'shard2', 'shard3'], ['whole is a whole run, ', 'shard1 is shard 1/3']],
    ['whole runs that overlap', ['whole', 'whole'], ['shards overlap']],
    ['shards run with other extensions', ['shard1', 'shard2', 'shard3-md'], ['differ in extensions']],
    ['shards run with another include list', ['shard1', 'shard2', 'shard3-included'], ['differ in include']],
    ['shards run on another corpus folder', ['shard1', 'shard2', 'shard3-elsewhere'], ['differ in corpus folder']],
    ['a shard whose segments.csv is lost', ['half1-extras', 'half2-lost-segments'], ['half2-lost-segments/segments.csv', 'cannot read segments.csv of this run: ENOENT (no such file or folder)']],
    ['a shard whose matches.csv is not CSV', ['half1-extras', 'half2-bad-matches'], ['half2-bad-matches/matches.csv', 'not a CSV table as this run writes them']],
    ['a run whose rows of matches are not in doc_id order', ['whole-unsorted'], ['whole-unsorted/matches.csv', 'rows are not in doc_id order, as a run writes them: row ']],
    ['a shard whose matches.csv has a row cut short', ['half1-extras', 'half2-short-row'], ['half2-short-row/matches.csv', 'not a CSV table as this run writes them: row 2 has 3 cells, the header 11']],
    ['a shard whose matches.csv is another shard\'s', ['shard1-matches-of-shard2', 'shard2', 'shard3'], ['shard1-matches-of-shard2/matches.csv', "which " , "shard1-matches-of-shard2/scores.csv does not hold: the folder's tables are not from one run"]],
    ['a shard whose scores.csv is cut off in its last row', ['half1-extras', 'half2-cut-scores.csv'], ['half2-cut-scores.csv/scores.csv', 'has no line end, as if the file were cut short']],
    ['a shard whose errors.csv is cut off in its last row', ['half1-extras', 'half2-cut-errors.csv'], ['half2-cut-errors.csv/errors.csv', 'its last row has no line end, as if the file were cut short']],
  ] as const)('refuses %s (exit 2) and leaves --out as it was', async ([, folders, messages]) => {
    const [out] = at(`refused-${folders.join('-')}`);
    await mkdir(out);
    await writeFile(join(out, 'scores.csv'), 'previous\n');
    const merged = await runCli(['merge', ...at(...folders), '--out', out]);
    expect(merged.code).toBe(2);
    for (const message of messages) expect(merged.stderr).toContain(message);
    expect(await listFiles(out)).toEqual(['scores.csv']);
    expect(await readFile(join(out, 'scores.csv'), 'utf8')).toBe('previous\n');
  });
});

describe('hsframe merge, of names a spreadsheet could read as formulas and of an empty corpus', () => {
  const TEXT = 'Refugees need protection of their human rights, and the border must be controlled by the state.\n';

  test.for([
    ['names that start with a formula character, or with a quote and one, or hold a comma and quotes', ['1.txt', '=a.txt', "'=a.txt", '-b.txt', '@c.txt', 'q, "u".txt', 'z.txt'], 3],
    ['an empty corpus, which every shard reports once', [], 2],
  ] as const)('%s: the tables one run writes', async ([, names, count]) => {
    const project = await makeProject([]);
    cleanup.push(project.dir);
    for (const name of names) await writeFile(join(project.corpus, name), TEXT);
    const out = (name: string) => join(project.dir, name);
    const shards = Array.from({ length: count }, (_, k) => out(`shard${k + 1}`));
    for (const [k, shard] of shards.entries()) expect((await runCli(['run', project.pipeline, '--quiet', '--shard', `${k + 1}/${count}`, '--out', shard])).code).toBe(0);
    await runCli(['run', project.pipeline, '--quiet', '--out', out('whole')]);
    const merged = await runCli(['merge', ...shards, '--out', out('merged')]);
    expect(merged.code, merged.stderr).toBe(0);
    for (const name of TABLES) expect(await readFile(join(out('merged'), name), 'utf8'), name).toBe(await readFile(join(out('whole'), name), 'utf8'));
    const ids = (await readFile(join(out('whole'), 'scores.csv'), 'utf8')).split('\n').slice(1, -1).map((line) => line.split(',')[0]);
    expect(new Set(ids).size).toBe(names.length);
  }, 60_000);
});
