import { appendFile, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, test } from 'vitest';
import { listFiles, makeProject, runCli, textOfSize } from './cli-process.js';

const FILES = ['canada-unga-general-debate-1999.txt', 'hungary-unga-general-debate-2018.txt', 'los-angeles-declaration-migration-protection-2022.txt'];
const cleanup: string[] = [];
afterAll(() => Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true }))));

/** The packs of stored results in the run state of the output folder `out`, oldest first (their names start with the time of their pass). */
const packFiles = async (out: string) => {
  const packs = join(out, '.hsframe', 'packs');
  return (await readdir(packs)).sort().map((name) => join(packs, name));
};

/** Where the index of the run state of `out` puts each stored result: its pack's path, offset and length, by document id. */
const indexedRecords = async (out: string) => {
  const lines = (await readFile(join(out, '.hsframe', 'index.jsonl'), 'utf8')).trim().split('\n').slice(1);
  return new Map(lines.map((line) => {
    const [id, , , , , , , pack, offset, length] = JSON.parse(line) as [string, string, number, number, number, number, unknown[], string, number, number];
    return [id, { pack: join(out, '.hsframe', 'packs', pack), offset, length }] as const;
  }));
};

const summary = async (pipeline: string, ...flags: string[]) => {
  const result = await runCli(['run', pipeline, '--json', ...flags]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { scored: number; cached: number; failed: number; skipped: number };
};

describe('incremental re-runs', () => {
  test('only new or changed documents are scored; deleted ones drop out; --force recomputes', async () => {
    const project = await makeProject(FILES);
    cleanup.push(project.dir);
    const scores = () => readFile(join(project.out, 'scores.csv'), 'utf8');
    expect(await summary(project.pipeline)).toMatchObject({ scored: 3, cached: 0 });
    const first = await scores();
    expect(await summary(project.pipeline)).toMatchObject({ scored: 0, cached: 3 });
    expect(await scores()).toBe(first);

    // Touched but unchanged: read and hashed again, and reused. Its stored result is not written
    // again: its new stamp goes into the index, and without the index it is recognised by its hash.
    const fragmentTimes = async () => Promise.all((await packFiles(project.out)).map(async (path) => [path, (await stat(path)).mtimeMs, (await stat(path)).size]));
    const stored = await fragmentTimes();
    const touched = new Date(Date.now() + 5000);
    await utimes(join(project.corpus, FILES[2]), new Date(), touched);
    expect(await summary(project.pipeline)).toMatchObject({ scored: 0, cached: 3 });
    expect(await fragmentTimes()).toEqual(stored);
    expect(await readFile(join(project.out, '.hsframe', 'index.jsonl'), 'utf8')).toContain(`,${(await stat(join(project.corpus, FILES[2]))).mtimeMs},`);
    expect(await summary(project.pipeline)).toMatchObject({ scored: 0, cached: 3 });
    await rm(join(project.out, '.hsframe', 'index.jsonl'));
    expect(await summary(project.pipeline)).toMatchObject({ scored: 0, cached: 3 });
    expect(await fragmentTimes()).toEqual(stored);
    // Same size and a new modification time, other content: scored again.
    const text = await readFile(join(project.corpus, FILES[2]), 'utf8');
    await writeFile(join(project.corpus, FILES[2]), text.replace('migration', 'MIGRATION'));
    await utimes(join(project.corpus, FILES[2]), new Date(), new Date(Date.now() + 10_000));
    expect(await summary(project.pipeline)).toMatchObject({ scored: 1, cached: 2 });
    await writeFile(join(project.corpus, FILES[2]), text);
    expect(await summary(project.pipeline)).toMatchObject({ scored: 1, cached: 2 });
    expect(await scores()).toBe(first);

    await appendFile(join(project.corpus, FILES[0]), '\nBorder control and detention of migrants.\n');
    expect(await summary(project.pipeline)).toMatchObject({ scored: 1, cached: 2 });
    expect(await scores()).not.toBe(first);

    await rm(join(project.corpus, FILES[1]));
    await writeFile(join(project.corpus, 'new.txt'), 'Refugees have a right to asylum and to family reunification.\n');
    expect(await summary(project.pipeline)).toMatchObject({ scored: 1, cached: 2 });
    const ids = (await scores()).trim().split('\n').slice(1).map((line) => line.split(',')[0]);
    expect(ids).toEqual([FILES[0], FILES[2], 'new.txt']);

    // Forced: every result is made again; those the store holds already, byte for byte, are not written again.
    const beforeForced = await fragmentTimes();
    expect(await summary(project.pipeline, '--force')).toMatchObject({ scored: 3, cached: 0 });
    expect(await fragmentTimes()).toEqual(beforeForced);
    // Forced, in worker threads that read the files and take their size and time: the next run reuses every result.
    expect(await summary(project.pipeline, '--force', '--concurrency', '2')).toMatchObject({ scored: 3, cached: 0 });
    expect(await fragmentTimes()).toEqual(beforeForced);
    expect(await summary(project.pipeline)).toMatchObject({ scored: 0, cached: 3 });
  }, 60_000);

  test('a document edited and given back its size and modification time is scored again: its status-change time tells', async () => {
    const project = await makeProject([]);
    cleanup.push(project.dir);
    const file = join(project.corpus, 'a.txt');
    await writeFile(file, 'Refugees need protection of their human rights.\n');
    expect(await summary(project.pipeline)).toMatchObject({ scored: 1, cached: 0 });
    const before = await stat(file);
    // The same number of bytes, other words, and the old modification time put back to the nanosecond, as `touch -r` or a copy tool does.
    const reference = join(project.dir, 'reference');
    execFileSync('touch', ['-r', file, reference]);
    await writeFile(file, 'Border control keeps migrants out of the Union.\n');
    execFileSync('touch', ['-m', '-r', reference, file]);
    const after = await stat(file);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    expect(await summary(project.pipeline)).toMatchObject({ scored: 1, cached: 0 });
    const scores = parse(await readFile(join(project.out, 'scores.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(scores[0].state_centric_hits).toBe('1');
  });

  test('two folders swapped by renaming them: each document at a path is the other file now, and is read again', async () => {
    const project = await makeProject([]);
    cleanup.push(project.dir);
    const [a, b] = [join(project.corpus, 'A'), join(project.corpus, 'B')];
    await mkdir(a);
    await mkdir(b);
    // The same size and times, as files unpacked or copied together can have.
    await writeFile(join(a, 'doc.txt'), 'Migrants are a security threat to the border.\n');
    await writeFile(join(b, 'doc.txt'), 'Migrants need protection of their human right\n');
    execFileSync('touch', ['-d', '2024-01-01', join(a, 'doc.txt'), join(b, 'doc.txt')]);
    expect(await summary(project.pipeline)).toMatchObject({ scored: 2 });
    const before = await readFile(join(project.out, 'scores.csv'), 'utf8');
    const swap = join(project.corpus, 'swap');
    await rename(a, swap);
    await rename(b, a);
    await rename(swap, b);
    expect(await summary(project.pipeline)).toMatchObject({ cached: 0 });
    const rows = (text: string) => new Map((parse(text, { columns: true }) as Record<string, string>[]).map((row) => [row.doc_id, row.content_sha256]));
    const [was, now] = [rows(before), rows(await readFile(join(project.out, 'scores.csv'), 'utf8'))];
    expect(now.get('A/doc.txt')).toBe(was.get('B/doc.txt'));
    expect(now.get('B/doc.txt')).toBe(was.get('A/doc.txt'));
  });

  test('a size limit lowered below a stored document: it is reported as too large, not reused, as in a clean run', async () => {
    const project = await makeProject(FILES.slice(0, 2));
    cleanup.push(project.dir);
    await summary(project.pipeline);
    const [small, large] = (await Promise.all(FILES.slice(0, 2).map(async (file) => ({ file, size: (await stat(join(project.corpus, file))).size })))).sort((a, b) => a.size - b.size);
    expect(small.size).toBeLessThan(large.size);
    const text = await readFile(project.pipeline, 'utf8');
    await writeFile(project.pipeline, text.replace('options:\n', `options:\n  max_file_bytes: ${large.size - 1}\n`));
    const result = await runCli(['run', project.pipeline, '--json']);
    expect(result.code, result.stderr).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ scored: 0, cached: 1, failed: 1 });
    const [error] = parse(await readFile(join(project.out, 'errors.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(error).toMatchObject({ doc_id: large.file, code: 'FILE_TOO_LARGE' });
    const ids = (parse(await readFile(join(project.out, 'scores.csv'), 'utf8'), { columns: true }) as Record<string, string>[]).map((row) => row.doc_id);
    expect(ids).toEqual([small.file]);
  }, 60_000);

  test('an output folder within the corpus, and its report, are never scored', async () => {
    const project = await makeProject(FILES.slice(0, 1));
    cleanup.push(project.dir);
    const text = await readFile(project.pipeline, 'utf8');
    await writeFile(project.pipeline, text.replace('output: out', 'output: corpus/results'));
    expect(await summary(project.pipeline, '--report')).toMatchObject({ scored: 1, cached: 0 });
    expect(await summary(project.pipeline, '--report')).toMatchObject({ scored: 0, cached: 1, failed: 0 });
    const ids = (parse(await readFile(join(project.corpus, 'results', 'scores.csv'), 'utf8'), { columns: true }) as Record<string, string>[]).map((row) => row.doc_id);
    expect(ids).toEqual([FILES[0]]);
  }, 60_000);

  test('an output folder that is the corpus folder: no file a run writes is ever scored, and a re-run changes nothing', async () => {
    const project = await makeProject(FILES.slice(0, 1));
    cleanup.push(project.dir);
    const text = await readFile(project.pipeline, 'utf8');
    // Every kind of file a run writes would be a document here.
    await writeFile(project.pipeline, text.replace('output: out', 'output: corpus').replace(/options:\n/, 'options:\n  extensions: [.txt, .csv, .json, .html]\n'));
    expect(await summary(project.pipeline, '--report', '--segments', 'sentence')).toMatchObject({ scored: 1, cached: 0 });
    const scores = await readFile(join(project.corpus, 'scores.csv'), 'utf8');
    expect(await summary(project.pipeline, '--report', '--segments', 'sentence')).toMatchObject({ scored: 0, cached: 1, failed: 0 });
    expect(await readFile(join(project.corpus, 'scores.csv'), 'utf8')).toBe(scores);
    const ids = (parse(scores, { columns: true }) as Record<string, string>[]).map((row) => row.doc_id);
    expect(ids).toEqual([FILES[0]]);
  }, 60_000);

  test('switching --segments scores every document again: README lists it among what keys a stored result', async () => {
    const readme = (await readFile(new URL('../../README.md', import.meta.url), 'utf8')).replace(/\s+/g, ' ');
    const incremental = readme.slice(readme.indexOf('**Incremental.**'), readme.indexOf('**Safe to kill.**'));
    expect(incremental).toMatch(/keyed by [^.]*the `--segments` setting/);
    const project = await makeProject(FILES.slice(0, 2));
    cleanup.push(project.dir);
    expect(await summary(project.pipeline)).toMatchObject({ scored: 2, cached: 0 });
    expect(await summary(project.pipeline, '--segments', 'sentence')).toMatchObject({ scored: 2, cached: 0 });
    expect(await summary(project.pipeline, '--segments', 'sentence')).toMatchObject({ scored: 0, cached: 2 });
    expect(await summary(project.pipeline, '--segments', 'paragraph')).toMatchObject({ scored: 2, cached: 0 });
  }, 60_000);

  test('a changed lexicon invalidates every stored result', async () => {
    const project = await makeProject(FILES.slice(0, 1));
    cleanup.push(project.dir);
    await summary(project.pipeline);
    const lexicon = join(project.dir, 'extra.yaml');
    await writeFile(lexicon, 'name: extra\nversion: 1.0.0\nlanguage: en\ndescription: d\ncategories:\n  extra:\n    label: E\n    description: d\n    entries:\n      - {term: landmines, source: test}\n');
    const text = await readFile(project.pipeline, 'utf8');
    await writeFile(project.pipeline, text.replace(/lexicons: \[(.*)\]/, `lexicons: [$1, ${lexicon}]`));
    expect(await summary(project.pipeline)).toMatchObject({ scored: 1, cached: 0 });
    expect(await readFile(join(project.out, 'scores.csv'), 'utf8')).toContain('extra_hits');
  }, 60_000);

  test('a finished run leaves an index of its results, which the next run reads instead of each stored result', async () => {
    const project = await makeProject(FILES);
    cleanup.push(project.dir);
    await summary(project.pipeline);
    const scores = await readFile(join(project.out, 'scores.csv'), 'utf8');
    const index = join(project.out, '.hsframe', 'index.jsonl');
    expect((await readFile(index, 'utf8')).trim().split('\n')).toHaveLength(1 + FILES.length);
    // Without the stored results, an unchanged re-run is still served from the index.
    for (const pack of await packFiles(project.out)) await rm(pack);
    expect(await summary(project.pipeline)).toMatchObject({ scored: 0, cached: 3 });
    expect(await readFile(join(project.out, 'scores.csv'), 'utf8')).toBe(scores);
    // A document touched since the index is read and hashed; its content unchanged, the index vouches for its result too.
    await utimes(join(project.corpus, FILES[0]), new Date(), new Date(Date.now() + 5000));
    expect(await summary(project.pipeline)).toMatchObject({ scored: 0, cached: 3 });
    expect(await readFile(join(project.out, 'scores.csv'), 'utf8')).toBe(scores);
    // Changed: scored again; changed back, scored again too (the store now holds the changed content's result).
    const text = await readFile(join(project.corpus, FILES[0]), 'utf8');
    await writeFile(join(project.corpus, FILES[0]), `${text}\nBorder control.\n`);
    expect(await summary(project.pipeline)).toMatchObject({ scored: 1, cached: 2 });
    await writeFile(join(project.corpus, FILES[0]), text);
    expect(await summary(project.pipeline)).toMatchObject({ scored: 1, cached: 2 });
    expect(await readFile(join(project.out, 'scores.csv'), 'utf8')).toBe(scores);
  }, 60_000);

  test('matches.csv is rebuilt from the stored rows; lost ones are scored again, with a warning', async () => {
    const project = await makeProject(FILES.slice(0, 2));
    cleanup.push(project.dir);
    await summary(project.pipeline, '--delimiter', ';', '--decimal', ',');
    const matches = await readFile(join(project.out, 'matches.csv'), 'utf8');
    // A new document makes the tables be rewritten: the rows of the others are copied, not rescored.
    await writeFile(join(project.corpus, 'new.txt'), 'Refugees have a right to asylum.\n');
    expect(await summary(project.pipeline, '--delimiter', ';', '--decimal', ',')).toMatchObject({ scored: 1, cached: 2 });
    const rewritten = await readFile(join(project.out, 'matches.csv'), 'utf8');
    expect(rewritten.startsWith(matches)).toBe(true);
    expect(rewritten.slice(matches.length)).toMatch(/^new\.txt;1;/);

    // The last result of the first pack keeps its first line (so the document still counts as unchanged) but loses its
    // rows; the second pack, new.txt's, is deleted. The tables are asked for in other CSV settings than the last run's,
    // so no row is copied from them: all are read from the store.
    const [cut, deleted] = await packFiles(project.out);
    const last = [...(await indexedRecords(project.out)).values()].filter((at) => at.pack === cut).sort((a, b) => b.offset - a.offset)[0];
    const packed = await readFile(cut);
    await writeFile(cut, packed.subarray(0, packed.indexOf(0x0a, last.offset) + 1));
    await rm(deleted);
    await writeFile(join(project.corpus, 'newer.txt'), 'Border control.\n');
    const result = await runCli(['run', project.pipeline, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ scored: 3, cached: 1, failed: 0 });
    const errors = parse(await readFile(join(project.out, 'errors.csv'), 'utf8'), { columns: true }) as { code: string; severity: string }[];
    expect(errors.map((row) => [row.code, row.severity])).toEqual([['STORED_RESULT_LOST', 'warning'], ['STORED_RESULT_LOST', 'warning']]);
    // Back in the first settings: every stored row is read again and recoded, as a forced run writes it.
    expect(await summary(project.pipeline, '--delimiter', ';', '--decimal', ',')).toMatchObject({ scored: 0, cached: 4 });
    const recoded = await readFile(join(project.out, 'matches.csv'), 'utf8');
    expect(recoded.split('\n')[1]).toMatch(/;\d+,?\d*;/);
    expect(await summary(project.pipeline, '--delimiter', ';', '--decimal', ',', '--force')).toMatchObject({ scored: 4 });
    expect(await readFile(join(project.out, 'matches.csv'), 'utf8')).toBe(recoded);

    // The tables are current, so only report.html, made again once it is gone, reads the stored rows: a lost one is found there, and scored again.
    await summary(project.pipeline, '--report');
    await rm((await packFiles(project.out))[0]);
    await rm(join(project.out, 'report.html'));
    const reported = await runCli(['run', project.pipeline, '--report', '--json']);
    expect(reported.code, reported.stderr).toBe(0);
    expect(JSON.parse(reported.stdout)).toMatchObject({ scored: 1, cached: 3 });
    expect(reported.stderr).toContain('STORED_RESULT_LOST');
    expect(await readFile(join(project.out, 'report.html'), 'utf8')).toContain('newer.txt');
  }, 60_000);
});

describe('stored results changed outside a run', () => {
  test('a record whose first line or rows no longer match their sums is scored again, with a warning, and the tables are a clean run\'s', async () => {
    const project = await makeProject(FILES.slice(0, 2));
    cleanup.push(project.dir);
    await summary(project.pipeline);
    const [packPath] = await packFiles(project.out);
    const records = [...(await indexedRecords(project.out)).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    const packed = await readFile(packPath);
    // One byte changed in the first document's row of scores.csv, one in the second's rows of matches.csv (as a disk or an editor might).
    const [first, second] = records.map(([, at]) => at);
    const rowAt = packed.indexOf('"sentences":', first.offset);
    const matchAt = packed.indexOf(0x0a, second.offset) + 1 + 10;
    expect(rowAt).toBeGreaterThan(first.offset);
    packed[rowAt + 9] = 'z'.charCodeAt(0);
    packed[matchAt] = packed[matchAt] === 0x31 ? 0x32 : 0x31;
    await writeFile(packPath, packed);
    // Other CSV settings than the last run's: every row is read from the store.
    const result = await runCli(['run', project.pipeline, '--json', '--delimiter', ';']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ scored: 2, cached: 0, failed: 0 });
    const errors = parse(await readFile(join(project.out, 'errors.csv'), 'utf8'), { columns: true, delimiter: ';' }) as { doc_id: string; code: string }[];
    expect(errors.map((row) => [row.doc_id, row.code])).toEqual(records.map(([id]) => [id, 'STORED_RESULT_LOST']));
    const clean = join(project.dir, 'clean');
    expect((await runCli(['run', project.pipeline, '--quiet', '--delimiter', ';', '--out', clean])).code).toBe(0);
    for (const name of ['scores.csv', 'matches.csv']) expect(await readFile(join(project.out, name), 'utf8'), name).toBe(await readFile(join(clean, name), 'utf8'));
  }, 60_000);
});

describe('a stored result lost in a pass whose store would be compacted', () => {
  test('is scored again alone: the repair moves no other record, so the tables still find them', async () => {
    const project = await makeProject([]);
    cleanup.push(project.dir);
    const sentence = 'Border security and the human rights of refugees matter. ';
    for (let i = 0; i < 20; i++) await writeFile(join(project.corpus, `c${String(i).padStart(2, '0')}.txt`), `${sentence.repeat(150)}\n`);
    expect(await summary(project.pipeline)).toMatchObject({ scored: 20 });
    // Eighteen documents shrink: once they are scored again, most of the first pack's bytes are results no longer needed, which a store opened after that copies out of it.
    for (let i = 2; i < 20; i++) await writeFile(join(project.corpus, `c${String(i).padStart(2, '0')}.txt`), 'Refugees.\n');
    // The tables are read from the store, where the first document's rows no longer match their sum: it is scored again by a second store, opened after the pass's index is saved.
    for (const name of ['table-rows.json', 'outputs.json']) await rm(join(project.out, '.hsframe', name));
    const first = (await indexedRecords(project.out)).get('c00.txt')!;
    const packed = await readFile(first.pack);
    const inRows = packed.indexOf(0x0a, first.offset) + 100;
    packed[inRows] = packed[inRows] === 0x58 ? 0x59 : 0x58;
    await writeFile(first.pack, packed);
    const repaired = await runCli(['run', project.pipeline, '--json']);
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(JSON.parse(repaired.stdout)).toMatchObject({ scored: 19, cached: 1, failed: 0 });
    const errors = (parse(await readFile(join(project.out, 'errors.csv'), 'utf8'), { columns: true }) as { doc_id: string; code: string }[]).map((row) => `${row.doc_id} ${row.code}`);
    expect(errors).toEqual(['c00.txt STORED_RESULT_LOST']);
    const clean = join(project.dir, 'clean');
    expect((await runCli(['run', project.pipeline, '--quiet', '--out', clean])).code).toBe(0);
    for (const name of ['scores.csv', 'matches.csv']) expect(await readFile(join(project.out, name), 'utf8'), name).toBe(await readFile(join(clean, name), 'utf8'));
  }, 60_000);
});

describe('a pack that is no longer a regular file', () => {
  test.skipIf(process.platform === 'win32')('a FIFO where a pack was is not waited on: its results are lost, and scored again', async () => {
    const project = await makeProject(FILES.slice(0, 2));
    cleanup.push(project.dir);
    expect(await summary(project.pipeline)).toMatchObject({ scored: 2 });
    for (const pack of await packFiles(project.out)) {
      await rm(pack);
      execFileSync('mkfifo', [pack]);
    }
    for (const name of ['table-rows.json', 'outputs.json']) await rm(join(project.out, '.hsframe', name));
    const repaired = await runCli(['run', project.pipeline, '--json']);
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(JSON.parse(repaired.stdout)).toMatchObject({ scored: 2, cached: 0 });
    const clean = join(project.dir, 'clean');
    expect((await runCli(['run', project.pipeline, '--quiet', '--out', clean])).code).toBe(0);
    for (const name of ['scores.csv', 'matches.csv']) expect(await readFile(join(project.out, name), 'utf8'), name).toBe(await readFile(join(clean, name), 'utf8'));
  }, 60_000);
});

describe('stored results lost, of documents with warnings', () => {
  test('are scored again once: counts stay whole and each warning is listed once', async () => {
    const project = await makeProject(FILES.slice(0, 1));
    cleanup.push(project.dir);
    await writeFile(join(project.corpus, 'fr.txt'), 'Les réfugiés ont droit à la protection et à la dignité. La frontière de l\'Union est contrôlée par les États membres, qui décident de leur politique.\n');
    await writeFile(join(project.corpus, 'empty.txt'), '');
    expect(JSON.parse((await runCli(['run', project.pipeline, '--json'])).stdout)).toMatchObject({ scored: 1, cached: 0, failed: 1, skipped: 1 });
    expect(JSON.parse((await runCli(['run', project.pipeline, '--json'])).stdout)).toMatchObject({ scored: 0, cached: 1, failed: 1, skipped: 1 });
    for (const pack of await packFiles(project.out)) await writeFile(pack, (await readFile(pack)).subarray(0, 100));
    await rm(join(project.out, 'scores.csv'));
    const repaired = await runCli(['run', project.pipeline, '--json']);
    expect(repaired.code, repaired.stderr).toBe(1);
    expect(JSON.parse(repaired.stdout)).toMatchObject({ scored: 1, cached: 0, failed: 1, skipped: 1 });
    const rows = (parse(await readFile(join(project.out, 'errors.csv'), 'utf8'), { columns: true }) as { doc_id: string; code: string }[]).map((row) => `${row.doc_id} ${row.code}`);
    expect(rows).toEqual([...new Set(rows)]);
    expect(rows.filter((row) => row !== `${FILES[0]} STORED_RESULT_LOST` && row !== 'fr.txt STORED_RESULT_LOST')).toEqual(['empty.txt FILE_EMPTY', 'fr.txt LANGUAGE_NOT_SCORED']);
  }, 60_000);
});

describe('tables of a re-run', () => {
  const TABLES = ['scores.csv', 'matches.csv', 'segments.csv', 'errors.csv'];
  const tables = (dir: string) => Promise.all(TABLES.map((name) => readFile(join(dir, name), 'utf8')));

  for (const flags of [['--segments', 'sentence'], ['--segments', 'paragraph', '--format', 'long'], ['--segments', 'sentence', '--delimiter', ';', '--decimal', ','], ['--excel', '--format', 'long', '--segments', 'paragraph']]) {
    test(`copy the unchanged documents' rows from the tables in place, and equal a clean run's (${flags.join(' ')})`, async () => {
      const project = await makeProject(FILES);
      cleanup.push(project.dir);
      await summary(project.pipeline, ...flags);
      // The stored results are lost, that of a document left unchanged too: its rows are copied from
      // the tables in place, not read from the store, so the run neither misses it nor scores it again.
      for (const pack of await packFiles(project.out)) await rm(pack);
      await writeFile(join(project.corpus, 'new.txt'), 'Refugees have a right to asylum and to family reunification.\n');
      await appendFile(join(project.corpus, FILES[0]), '\nBorder control and detention of migrants.\n');
      await rm(join(project.corpus, FILES[1]));
      expect(await summary(project.pipeline, ...flags)).toMatchObject({ scored: 2, cached: 1, failed: 0 });

      const clean = join(project.dir, 'clean');
      await summary(project.pipeline, '--out', clean, ...flags);
      expect(await tables(project.out)).toEqual(await tables(clean));
    }, 60_000);
  }

  test('rows are copied only from tables as the last run wrote them, in the same settings', async () => {
    const project = await makeProject(FILES.slice(0, 2));
    cleanup.push(project.dir);
    const flags = ['--segments', 'sentence'];
    const clean = join(project.dir, 'clean');
    const same = async () => {
      await summary(project.pipeline, '--out', clean, ...flags);
      expect(await tables(project.out)).toEqual(await tables(clean));
    };
    await summary(project.pipeline, ...flags);
    const record = join(project.out, '.hsframe', 'table-rows.json');
    const rows = async () => JSON.parse(await readFile(record, 'utf8')) as { docs: [string, string, ...number[]][] };
    expect((await rows()).docs.map(([id]) => id)).toEqual(FILES.slice(0, 2));

    // scores.csv edited since (a new modification time): nothing is copied from it, its rows are written from the stored ones.
    const scoresPath = join(project.out, 'scores.csv');
    const scores = await readFile(scoresPath, 'utf8');
    await writeFile(scoresPath, scores.replace(FILES[0], FILES[0].toUpperCase()));
    await utimes(scoresPath, new Date(), new Date(Date.now() + 5000));
    await writeFile(join(project.corpus, 'new.txt'), 'Border control.\n');
    await summary(project.pipeline, ...flags);
    await same();

    // A damaged record of where the rows are (a byte of scores.csv moved from the last document
    // to the first, the one between them changed since): not used.
    const recorded = await rows();
    expect(recorded.docs.map(([id]) => id)).toEqual([...FILES.slice(0, 2), 'new.txt']);
    recorded.docs[0][2] += 1;
    recorded.docs[2][2] -= 1;
    await writeFile(record, JSON.stringify(recorded));
    await appendFile(join(project.corpus, FILES[1]), '\nAnd asylum.\n');
    await summary(project.pipeline, ...flags);
    await same();

    // Other CSV settings: the tables in the settings before are not copied from (their rows are
    // read from the store and recoded), and where the new rows are is recorded for the next run.
    const european = [...flags, '--delimiter', ';', '--decimal', ','];
    const before = (await rows()) as unknown as { settings: string };
    await summary(project.pipeline, ...european);
    const after = (await rows()) as unknown as { settings: string; docs: [string, string, ...number[]][] };
    expect(after.settings).not.toBe(before.settings);
    expect(after.docs.map(([id]) => id)).toEqual([...FILES.slice(0, 2), 'new.txt']);
    await summary(project.pipeline, '--out', clean, ...european);
    expect(await tables(project.out)).toEqual(await tables(clean));
  }, 60_000);
});

describe('damaged and stale outputs', () => {
  /** The file's inode and modification time: both stay the same only if it was not written again. */
  const identity = async (path: string) => {
    const { ino, mtimeMs } = await stat(path);
    return { ino, mtimeMs };
  };

  test('an untouched re-run leaves the tables in place; an emptied, changed or replaced table is written again', async () => {
    const project = await makeProject(FILES.slice(0, 2));
    cleanup.push(project.dir);
    const scoresPath = join(project.out, 'scores.csv');
    const matchesPath = join(project.out, 'matches.csv');
    await summary(project.pipeline);
    const scores = await readFile(scoresPath, 'utf8');
    const matches = await readFile(matchesPath, 'utf8');
    const written = { scores: await identity(scoresPath), matches: await identity(matchesPath) };
    expect(await summary(project.pipeline)).toMatchObject({ scored: 0, cached: 2 });
    expect({ scores: await identity(scoresPath), matches: await identity(matchesPath) }).toEqual(written);

    await writeFile(scoresPath, '');
    expect(await summary(project.pipeline)).toMatchObject({ scored: 0, cached: 2 });
    expect(await readFile(scoresPath, 'utf8')).toBe(scores);
    await writeFile(matchesPath, 'junk\n');
    await summary(project.pipeline);
    expect(await readFile(matchesPath, 'utf8')).toBe(matches);
    // Same size, another modification time (a spreadsheet saving over it).
    await writeFile(matchesPath, matches.replace('doc_id', 'DOC_ID'));
    await utimes(matchesPath, new Date(), new Date(Date.now() + 5000));
    await summary(project.pipeline);
    expect(await readFile(matchesPath, 'utf8')).toBe(matches);

    // A state written before it recorded each table's size and time: the tables are written again.
    const state = join(project.out, '.hsframe', 'outputs.json');
    const { digest } = JSON.parse(await readFile(state, 'utf8')) as { digest: string };
    await writeFile(state, JSON.stringify({ digest }));
    const before = await identity(scoresPath);
    await summary(project.pipeline);
    expect(await identity(scoresPath)).not.toEqual(before);
    expect(await readFile(scoresPath, 'utf8')).toBe(scores);
    const after = await identity(scoresPath);
    await summary(project.pipeline);
    expect(await identity(scoresPath)).toEqual(after);
  }, 60_000);

  test('an unchanged re-run leaves report.html in place; new rows, another pipeline name, or an edited or missing report make it again', async () => {
    const project = await makeProject(FILES.slice(0, 2));
    cleanup.push(project.dir);
    const report = join(project.out, 'report.html');
    const made = async () => ({ text: await readFile(report, 'utf8'), mtimeMs: (await stat(report)).mtimeMs });
    await summary(project.pipeline, '--report');
    const first = await made();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await summary(project.pipeline, '--report');
    expect(await made()).toEqual(first);
    // A new document: made again, with it.
    await writeFile(join(project.corpus, 'new.txt'), 'Refugees have a right to asylum.\n');
    await summary(project.pipeline, '--report');
    const second = await made();
    expect(second.text).toContain('new.txt');
    expect(second.mtimeMs).not.toBe(first.mtimeMs);
    // Edited since (another size or time): made again, as it was.
    await writeFile(report, 'edited');
    await summary(project.pipeline, '--report');
    const third = await made();
    expect(third.text.replace(/generated [^<]+/, '')).toBe(second.text.replace(/generated [^<]+/, ''));
    // The same rows under another pipeline name: made again, with that name.
    await writeFile(project.pipeline, (await readFile(project.pipeline, 'utf8')).replace(/^name: .*$/m, 'name: renamed'));
    await summary(project.pipeline, '--report');
    expect((await made()).text).toContain('renamed');
    // Gone: made again.
    await rm(report);
    await summary(project.pipeline, '--report');
    expect((await made()).text).toContain('new.txt');
  }, 60_000);

  test('segments.csv and report.html of an earlier run are removed when the options are off; files hsframe did not write are kept', async () => {
    const project = await makeProject(FILES.slice(0, 1));
    cleanup.push(project.dir);
    const outputs = async (dir: string) => (await listFiles(dir)).filter((name) => !name.startsWith('.hsframe'));
    await summary(project.pipeline, '--segments', 'sentence', '--report');
    expect(await outputs(project.out)).toEqual(['errors.csv', 'manifest.json', 'matches.csv', 'report.html', 'scores.csv', 'segments.csv']);
    await writeFile(join(project.out, 'notes.txt'), 'mine\n');
    await summary(project.pipeline);
    const clean = join(project.dir, 'clean');
    await summary(project.pipeline, '--out', clean);
    expect(await outputs(project.out)).toEqual([...(await outputs(clean)), 'notes.txt'].sort());
    expect(await readFile(join(project.out, 'scores.csv'), 'utf8')).toBe(await readFile(join(clean, 'scores.csv'), 'utf8'));

    // A report.html the last run's manifest does not list is not hsframe's to remove.
    await writeFile(join(project.out, 'report.html'), '<p>mine</p>\n');
    await summary(project.pipeline);
    expect(await readFile(join(project.out, 'report.html'), 'utf8')).toBe('<p>mine</p>\n');
    expect(await readFile(join(project.out, 'notes.txt'), 'utf8')).toBe('mine\n');
  }, 60_000);

  test('a report.html that hsframe report wrote is removed by the next run that writes none: it would describe tables that have changed', async () => {
    const project = await makeProject(FILES.slice(0, 2));
    cleanup.push(project.dir);
    await summary(project.pipeline);
    const report = await runCli(['report', project.pipeline]);
    expect(report.code, report.stderr).toBe(0);
    expect(await listFiles(project.out)).toContain('report.html');
    await rm(join(project.corpus, FILES[1]));
    await summary(project.pipeline);
    expect(await listFiles(project.out)).not.toContain('report.html');
  }, 60_000);

  test('segments.csv and report.html of an earlier run are removed when the options are off, though manifest.json was deleted or broken since', async () => {
    const project = await makeProject(FILES.slice(0, 1));
    cleanup.push(project.dir);
    for (const damage of [() => rm(join(project.out, 'manifest.json')), () => writeFile(join(project.out, 'manifest.json'), '{')]) {
      await summary(project.pipeline, '--segments', 'sentence', '--report');
      await damage();
      await summary(project.pipeline);
      expect((await listFiles(project.out)).filter((name) => !name.startsWith('.hsframe'))).toEqual(['errors.csv', 'manifest.json', 'matches.csv', 'scores.csv']);
    }
  }, 60_000);
});

describe('inflections kept between runs', () => {
  test('are used by the next run under the same key, and ignored when their key differs or the file is broken', async () => {
    const project = await makeProject([]);
    cleanup.push(project.dir);
    // "fencez" is no inflection of "fence" (state_centric): only a kept inflection can make it match.
    await writeFile(join(project.corpus, 'a.txt'), 'A fencez and a border fence at the frontier.\n');
    const kept = (out: string) => join(out, '.hsframe', 'inflections.json');
    /** Run into a new output folder whose kept inflections are `text`; the entries matched. */
    const runWith = async (name: string, text: string) => {
      const out = join(project.dir, name);
      await mkdir(join(out, '.hsframe'), { recursive: true });
      await writeFile(kept(out), text);
      expect(await summary(project.pipeline, '--out', out)).toMatchObject({ scored: 1 });
      const rows = parse(await readFile(join(out, 'matches.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
      return { out, matched: rows.map((row) => row.matched_text) };
    };
    await summary(project.pipeline);
    const first = JSON.parse(await readFile(kept(project.out), 'utf8')) as { key: string; inflections: Record<string, string[]> };
    expect(first.inflections.fence).toEqual(['fence', 'fenced', 'fences', 'fencing']);
    const tampered = { ...first.inflections, fence: [...first.inflections.fence, 'fencez'] };

    expect((await runWith('same-key', JSON.stringify({ key: first.key, inflections: tampered }))).matched).toEqual(['fencez', 'border', 'fence']);
    const other = await runWith('other-key', JSON.stringify({ key: 'other', inflections: tampered }));
    expect(other.matched).toEqual(['border', 'fence']);
    // Worked out again, and kept under this run's key.
    expect(JSON.parse(await readFile(kept(other.out), 'utf8'))).toEqual(first);
    const broken = await runWith('broken', '{"key": broken');
    expect(broken.matched).toEqual(['border', 'fence']);
    expect(JSON.parse(await readFile(kept(broken.out), 'utf8'))).toEqual(first);
  }, 60_000);
});

describe('lexicons kept between runs', () => {
  test('a kept lexicon whose inflections were not kept: worker threads are handed them, and they are kept again', async () => {
    const project = await makeProject([]);
    cleanup.push(project.dir);
    await writeFile(join(project.corpus, 'a.txt'), 'Fences at the border.\n');
    expect(await summary(project.pipeline)).toMatchObject({ scored: 1 });
    const kept = join(project.out, '.hsframe', 'inflections.json');
    const first = await readFile(kept, 'utf8');
    await rm(kept);
    // Over 2 MB to score: enough for a re-run to start worker threads.
    await writeFile(join(project.corpus, 'b.txt'), `The fencing of the frontier.\n\n${textOfSize(2_100_000)}`);
    expect(await summary(project.pipeline, '--concurrency', '2')).toMatchObject({ scored: 1, cached: 1 });
    expect(await readFile(kept, 'utf8')).toBe(first);
    const rows = parse(await readFile(join(project.out, 'matches.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.filter((row) => row.doc_id === 'b.txt').map((row) => row.matched_text)).toContain('fencing');
  }, 60_000);
});

describe('run --json', () => {
  test('--json gives the seconds of each phase, which add up to the run', async () => {
    const project = await makeProject(FILES);
    cleanup.push(project.dir);
    type Phases = { setup: number; first_document: number | null; scoring: number; writing: number };
    const phasesOf = async (...flags: string[]) => {
      const result = (await summary(project.pipeline, ...flags)) as unknown as { seconds: number; phases: Phases };
      const { setup, first_document: first, scoring, writing } = result.phases;
      for (const seconds of [setup, scoring, writing]) expect(seconds).toBeGreaterThanOrEqual(0);
      expect(setup + scoring + writing).toBeLessThanOrEqual(result.seconds + 0.002);
      expect(setup + scoring + writing).toBeGreaterThan(result.seconds * 0.9 - 0.01);
      return { first, scoring };
    };
    const scored = await phasesOf('--concurrency', '2');
    expect(scored.first).toBeGreaterThan(0);
    expect(scored.first).toBeLessThanOrEqual(scored.scoring);
    await rm(project.corpus, { recursive: true });
    await mkdir(project.corpus);
    expect((await phasesOf()).first).toBeNull();
  }, 60_000);
});

describe('an empty corpus', () => {
  test('is written as one, header-only tables, with a warning that names the folder and what a document is', async () => {
    const project = await makeProject([]);
    cleanup.push(project.dir);
    expect(await summary(project.pipeline)).toMatchObject({ scored: 0, failed: 0 });
    const [warning] = parse(await readFile(join(project.out, 'errors.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(warning).toMatchObject({ doc_id: project.corpus, code: 'CORPUS_EMPTY', severity: 'warning' });
    expect(warning.message).toContain('*.txt');
    expect((await readFile(join(project.out, 'scores.csv'), 'utf8')).trim().split('\n')).toHaveLength(1);
  }, 60_000);

  test('include narrows a run to the documents it matches; changed, the tables follow; matching none, the warning names it', async () => {
    const project = await makeProject(FILES);
    cleanup.push(project.dir);
    const withOptions = async (options: string) => writeFile(project.pipeline, (await readFile(project.pipeline, 'utf8')).replace(/options:\n(?:  .*\n)*/, `options:\n  concurrency: 1\n${options}`));
    const ids = async () => (parse(await readFile(join(project.out, 'scores.csv'), 'utf8'), { columns: true }) as Record<string, string>[]).map((row) => row.doc_id);
    await withOptions('  include: ["*unga*"]\n');
    expect(await summary(project.pipeline)).toMatchObject({ scored: 2, cached: 0 });
    expect(await ids()).toEqual([FILES[0], FILES[1]]);
    await withOptions('  include: ["*unga*", "los-*"]\n  exclude: ["hungary-*"]\n');
    expect(await summary(project.pipeline)).toMatchObject({ scored: 1, cached: 1 });
    expect(await ids()).toEqual([FILES[0], FILES[2]]);
    await withOptions('  include: ["nothing/**"]\n');
    expect(await summary(project.pipeline)).toMatchObject({ scored: 0, failed: 0 });
    const [warning] = parse(await readFile(join(project.out, 'errors.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(warning).toMatchObject({ code: 'CORPUS_EMPTY', severity: 'warning' });
    expect(warning.message).toContain(', included by nothing/**');
  }, 60_000);
});

describe('a file that mixes encodings', () => {
  test('is scored, and its warning is a row of errors.csv; the run exits 0', async () => {
    const project = await makeProject([]);
    cleanup.push(project.dir);
    await writeFile(join(project.corpus, 'mixed.txt'), Buffer.concat([Buffer.from('Réfugiés à la frontière: border control. ', 'latin1'), Buffer.from('Déjà “human rights” – encore, über.', 'utf8')]));
    expect(await summary(project.pipeline)).toMatchObject({ scored: 1, failed: 0 });
    const [warning] = parse(await readFile(join(project.out, 'errors.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(warning).toMatchObject({ doc_id: 'mixed.txt', code: 'FILE_MIXED_ENCODING', severity: 'warning' });
    expect(await summary(project.pipeline)).toMatchObject({ scored: 0, cached: 1 });
    expect(parse(await readFile(join(project.out, 'errors.csv'), 'utf8'), { columns: true })).toEqual([warning]);
  }, 60_000);
});

describe('awkward file names', () => {
  test('quotes, commas and a newline in a name: the id survives the CSV round trip', async () => {
    const project = await makeProject([]);
    cleanup.push(project.dir);
    const name = 'a "quoted", odd\nname.txt';
    await writeFile(join(project.corpus, name), 'Border control and human rights.\n');
    expect(await summary(project.pipeline)).toMatchObject({ scored: 1 });
    const [row] = parse(await readFile(join(project.out, 'scores.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(row.doc_id).toBe(name);
  }, 60_000);

  test('names that are not UTF-8: scored by their bytes, with a warning; reused by a re-run; read again by worker threads', async () => {
    const project = await makeProject([]);
    cleanup.push(project.dir);
    const latin1 = (path: string) => Buffer.from(join(project.corpus, path), 'latin1');
    await writeFile(latin1('R\xe8glement.txt'), 'Border control and detention of migrants.\n');
    await mkdir(latin1('d\xe9cisions'));
    await writeFile(latin1('d\xe9cisions/a.txt'), 'Refugees have a right to asylum.\n');
    await writeFile(join(project.corpus, 'ok.txt'), 'Human security and food security.\n');
    const tables = async () => Promise.all(['scores.csv', 'matches.csv', 'errors.csv'].map((table) => readFile(join(project.out, table), 'utf8')));
    expect(await summary(project.pipeline)).toMatchObject({ scored: 3, cached: 0, failed: 0 });
    const first = await tables();
    const scores = parse(first[0], { columns: true }) as Record<string, string>[];
    expect(scores.map((row) => [row.doc_id, Number(row.tokens) > 0])).toEqual([
      ['R%E8glement.txt', true],
      ['d%E9cisions/a.txt', true],
      ['ok.txt', true],
    ]);
    const warnings = parse(first[2], { columns: true }) as Record<string, string>[];
    expect(warnings.map((row) => [row.doc_id, row.code, row.severity])).toEqual([
      ['R%E8glement.txt', 'FILE_NAME_NOT_UTF8', 'warning'],
      ['d%E9cisions', 'FILE_NAME_NOT_UTF8', 'warning'],
    ]);
    // explain finds a document by such an id.
    const explained = await runCli(['explain', 'R%E8glement.txt', '--pipeline', project.pipeline, '--category', 'state_centric']);
    expect(explained.code, explained.stderr).toBe(0);
    expect(explained.stdout).toMatch(new RegExp(`^ {2}state_centric +${scores[0].state_centric_hits} +0$`, 'm'));
    expect(Number(scores[0].state_centric_hits)).toBeGreaterThan(0);
    // Their stamps are taken by their bytes too: nothing is scored again.
    expect(await summary(project.pipeline)).toMatchObject({ scored: 0, cached: 3 });
    expect(await tables()).toEqual(first);
    expect(await summary(project.pipeline, '--force', '--concurrency', '2')).toMatchObject({ scored: 3, cached: 0, failed: 0 });
    expect(await tables()).toEqual(first);
  }, 60_000);
});
