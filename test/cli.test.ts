import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { codeAndStderr } from './pipeline/cli-process.js';

// Smoke tests of the built CLI (S24): `npm run build` must have run (npm test does).
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const LEXICONS = ['security-frames.yaml', 'undp-human-security.yaml'].map((file) => join(ROOT, 'lexicons', file));
const TIMEOUT = 60_000;

/** Run the CLI; never throws on a non-zero exit. */
function hsframe(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

const GOOD = {
  'b-borders.txt': 'Border control remains central to European policy. The Union will strengthen border surveillance at the external borders.\n',
  'a-people.txt': 'Food security and access to health care matter for displaced people, and refugees need protection of their human rights.\n',
};

let tmp: string;
let corpus: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'hsframe-cli-'));
  corpus = await mkdtemp(join(tmp, 'corpus-'));
  for (const [name, text] of Object.entries(GOOD)) await writeFile(join(corpus, name), text);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A fresh folder inside the temp folder. */
const folder = (name: string) => mkdtemp(join(tmp, `${name}-`));

describe.concurrent('hsframe score', () => {
  test('two good files: exit 0, header and two rows sorted by doc_id', async () => {
    const { code, stdout, stderr } = await hsframe(['score', corpus]);
    expect(code, stderr).toBe(0);
    expect(stdout.startsWith('doc_id,title,language')).toBe(true);
    expect(stdout.endsWith('\n')).toBe(true);
    const [header, ...rows] = parse(stdout) as string[][];
    expect(rows.map((row) => row[0])).toEqual(['a-people.txt', 'b-borders.txt']);
    for (const row of rows) expect(row).toHaveLength(header.length);
  }, TIMEOUT);

  test('a binary file: exit 1, stderr names it and FILE_BINARY, good rows still printed', async () => {
    const dir = await folder('binary');
    for (const [name, text] of Object.entries(GOOD)) await writeFile(join(dir, name), text);
    await writeFile(join(dir, 'c-binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    const { code, stdout, stderr } = await hsframe(['score', dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/c-binary\.txt\s+FILE_BINARY/);
    const rows = (parse(stdout) as string[][]).slice(1);
    expect(rows.map((row) => row[0])).toEqual(['a-people.txt', 'b-borders.txt']);
  }, TIMEOUT);

  test('a lexicon with weight "high": exit 2, file:line:column and the message', async () => {
    const dir = await folder('lexicon');
    const lexicon = join(dir, 'bad-lexicon.yaml');
    await writeFile(lexicon, ['name: tiny', 'version: 1.0.0', 'language: en', 'description: A tiny lexicon.', 'categories:', '  state_centric:', '    label: State', '    description: State frame.', '    entries:', '      - term: border control', '        weight: "high"', '        source: test', ''].join('\n'));
    const { code, stdout, stderr } = await hsframe(['score', '--lexicon', lexicon, corpus]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${lexicon}:11:17`);
    expect(stderr).toContain('weight must be a number from 0 to 1,000,000 with at most 3 decimals (hits are written with 3), got "high"');
  }, TIMEOUT);

  test('a missing path: exit 1 and PATH_NOT_FOUND naming it', async () => {
    const { code, stderr } = await hsframe(['score', 'no-such-folder-xyz'], tmp);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^no-such-folder-xyz\s+PATH_NOT_FOUND/m);
  }, TIMEOUT);

  test('a folder with no document: exit 0, the header only, and CORPUS_EMPTY naming it', async () => {
    const dir = await folder('empty');
    const { code, stdout, stderr } = await hsframe(['score', dir]);
    expect(code).toBe(0);
    expect(stdout.split('\n')).toHaveLength(2);
    expect(stderr).toBe(`${dir}  CORPUS_EMPTY  warning: no documents found: no file named *.txt, *.md, *.markdown, *.html, *.htm, *.pdf, *.docx\n`);
  }, TIMEOUT);

  test.skipIf(!existsSync('/dev/full'))('standard output on a full device: exit 2 and the reason, no stack trace', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const { code, stderr } = await codeAndStderr(spawn(process.execPath, [BIN, 'score', corpus], { stdio: ['ignore', full, 'pipe'] }));
      expect(code).toBe(2);
      expect(stderr).toBe('standard output  OUTPUT_WRITE_FAILED  cannot write: ENOSPC (the disk is full)\n');
    } finally {
      closeSync(full);
    }
  });

  test('--out FILE writes the CSV there and nothing to stdout', async () => {
    const out = join(await folder('out'), 'scores.csv');
    const { code, stdout, stderr } = await hsframe(['score', corpus, '--out', out]);
    expect(code, stderr).toBe(0);
    expect(stdout).toBe('');
    const csv = await readFile(out, 'utf8');
    expect(csv.startsWith('doc_id,title,language')).toBe(true);
    expect((parse(csv) as string[][]).slice(1).map((row) => row[0])).toEqual(['a-people.txt', 'b-borders.txt']);
  }, TIMEOUT);

  test('--out naming one of the documents: exit 2, the document left as it was', async () => {
    const dir = await folder('own');
    const doc = join(dir, 'doc.txt');
    await writeFile(doc, GOOD['a-people.txt']);
    const { code, stderr } = await hsframe(['score', dir, '--out', doc]);
    expect(code).toBe(2);
    expect(stderr).toContain('--out is one of the documents being scored');
    expect(await readFile(doc, 'utf8')).toBe(GOOD['a-people.txt']);
  }, TIMEOUT);

  test('a file named on the command line in a format hsframe does not read (.rtf) is refused, not scored as its markup', async () => {
    const dir = await folder('rtf');
    const rtf = join(dir, 'note.rtf');
    await writeFile(rtf, '{\\rtf1\\ansi border control}');
    const { code, stdout, stderr } = await hsframe(['score', rtf]);
    expect(code).toBe(1);
    expect(stderr).toContain('FILE_UNREADABLE  .rtf files are not read: hsframe reads plain text, Markdown, HTML, PDF and .docx');
    expect(stdout.trim().split('\n')).toHaveLength(1);
  }, TIMEOUT);

  test('--out naming a lexicon, of score or of lexicon export: exit 2, the lexicon left as it was', async () => {
    const dir = await folder('own-lexicon');
    const lexicon = join(dir, 'frames.yaml');
    const text = await readFile(LEXICONS[0], 'utf8');
    await writeFile(lexicon, text);
    const scored = await hsframe(['score', corpus, '--lexicon', lexicon, '--out', lexicon]);
    expect([scored.code, scored.stderr]).toEqual([2, `${lexicon}  OUTPUT_WRITE_FAILED  --out is a lexicon file; it is left as it was\n`]);
    const exported = await hsframe(['lexicon', 'export', lexicon, '--format', 'liwc', '--out', lexicon]);
    expect([exported.code, exported.stderr]).toEqual([2, `${lexicon}  OUTPUT_WRITE_FAILED  --out is the lexicon being exported; it is left as it was\n`]);
    expect(await readFile(lexicon, 'utf8')).toBe(text);
  }, TIMEOUT);

  test('several paths: a broken link inside each is named by its path from the current folder', async () => {
    const dir = await folder('links');
    await mkdir(join(dir, 'd1', 'x'), { recursive: true });
    await mkdir(join(dir, 'd2'));
    await symlink('nothere', join(dir, 'd1', 'x', 'broken.txt'));
    await symlink('nothere', join(dir, 'd2', 'broken.txt'));
    const { code, stderr } = await hsframe(['score', 'd1', 'd2'], dir);
    expect(code).toBe(1);
    expect(stderr).toContain('d1/x/broken.txt  FILE_UNREADABLE');
    expect(stderr).toContain('d2/broken.txt  FILE_UNREADABLE');
  }, TIMEOUT);

  test('--out that is a symbolic link: the CSV is written to its target, the link stays', async () => {
    const dir = await folder('link');
    await writeFile(join(dir, 'target.csv'), '');
    await symlink('target.csv', join(dir, 'link.csv'));
    const { code, stderr } = await hsframe(['score', corpus, '--out', join(dir, 'link.csv')]);
    expect(code, stderr).toBe(0);
    expect((await lstat(join(dir, 'link.csv'))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(dir, 'target.csv'), 'utf8')).toMatch(/^doc_id,title/);
  }, TIMEOUT);
});

describe.concurrent('hsframe help, version, unknown command', () => {
  test.for(['run', 'score', 'evaluate', 'lexicon'])('%s --help: exit 0 with usage', async (command) => {
    const { code, stdout } = await hsframe([command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`hsframe ${command}`);
  }, TIMEOUT);

  test('--version prints the package.json version', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const { code, stdout } = await hsframe(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${version}\n`);
  }, TIMEOUT);

  test('an unknown command: exit 2', async () => {
    const { code, stderr } = await hsframe(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain('frobnicate');
  }, TIMEOUT);

  test('an argument that is not UTF-8: exit 2, the argument named by its bytes, nothing written', async () => {
    const parent = await folder('latin1');
    const out = join(parent, 'out');
    // The shell's printf makes the byte 0xE7 (a Latin-1 ç), which no string of this test can carry.
    const script = 'mkdir "$(printf "%s/fran\\347ais" "$2")" && exec "$0" "$1" run --corpus "$(printf "%s/fran\\347ais" "$2")" --out "$3"';
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((done) => {
      execFile('sh', ['-c', script, process.execPath, BIN, parent, out], (error, _stdout, stderr) => done({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stderr }));
    });
    expect(code).toBe(2);
    expect(stderr).toContain(`argument 3 is not valid UTF-8: ${parent}/fran%E7ais`);
    expect(stderr).not.toContain('PATH_NOT_FOUND');
    expect(existsSync(out)).toBe(false);
  }, TIMEOUT);
});

/** Write a pipeline YAML; `options` lines are appended under `options:`. */
async function pipeline(dir: string, output: string, options: string[] = []): Promise<string> {
  const file = join(dir, 'pipeline.yaml');
  const lines = ['name: cli-test', `corpus: ${JSON.stringify(corpus)}`, 'lexicons:', ...LEXICONS.map((lexicon) => `  - ${JSON.stringify(lexicon)}`), `output: ${JSON.stringify(output)}`];
  if (options.length > 0) lines.push('options:', ...options.map((option) => `  ${option}`));
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

describe('hsframe run', () => {
  test('writes the four outputs; a second run gives identical scores.csv and matches.csv', async () => {
    const dir = await folder('run');
    const output = join(dir, 'out');
    const file = await pipeline(dir, output);
    const first = await hsframe(['run', file]);
    expect(first.code, first.stderr).toBe(0);
    expect((await readdir(output)).sort()).toEqual(['.hsframe', 'errors.csv', 'manifest.json', 'matches.csv', 'scores.csv']);
    const read = (name: string) => readFile(join(output, name));
    const [scores, matches] = [await read('scores.csv'), await read('matches.csv')];
    expect((parse(scores) as string[][]).slice(1).map((row) => row[0])).toEqual(['a-people.txt', 'b-borders.txt']);
    expect((parse(matches) as string[][]).length).toBeGreaterThan(1);
    expect(JSON.parse((await read('manifest.json')).toString())).toMatchObject({ counts: { scored: 2, failed: 0 } });
    const second = await hsframe(['run', file]);
    expect(second.code, second.stderr).toBe(0);
    expect((await read('scores.csv')).equals(scores)).toBe(true);
    expect((await read('matches.csv')).equals(matches)).toBe(true);
  }, TIMEOUT);

  test('concurrency: "many" → exit 2 with file:line:column', async () => {
    const dir = await folder('config');
    const file = await pipeline(dir, join(dir, 'out'), ['concurrency: "many"']);
    const { code, stderr } = await hsframe(['run', file]);
    expect(code).toBe(2);
    const lines = (await readFile(file, 'utf8')).split('\n');
    const line = lines.findIndex((text) => text.includes('concurrency')) + 1;
    const column = lines[line - 1].indexOf('"many"') + 1;
    expect(stderr).toContain(`${file}:${line}:${column}  CONFIG_INVALID`);
    expect(stderr).toContain('"many"');
  }, TIMEOUT);

  test('an unknown top-level key → exit 2 at its own line and column', async () => {
    const dir = await folder('unknown-key');
    const file = await pipeline(dir, join(dir, 'out'));
    await writeFile(file, `${await readFile(file, 'utf8')}bogus: 1\n`);
    const line = (await readFile(file, 'utf8')).split('\n').indexOf('bogus: 1') + 1;
    const { code, stderr } = await hsframe(['run', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:${line}:1  CONFIG_INVALID  (top level): Unrecognized key: "bogus"`);
  }, TIMEOUT);

  test('an extension of a format hsframe cannot read (.zip) → exit 2 naming it and what is read', async () => {
    const dir = await folder('zip-extension');
    const file = await pipeline(dir, join(dir, 'out'), ['extensions: [".txt", ".zip"]']);
    const { code, stderr } = await hsframe(['run', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/CONFIG_INVALID {2}options\.extensions\.1: \.zip files are not read: hsframe reads plain text, Markdown, HTML, PDF and \.docx/);
  }, TIMEOUT);

  test('a glob with a leading ./ or /, or a .., which no doc_id has → exit 2 naming it and the glob to write', async () => {
    const dir = await folder('glob');
    const file = await pipeline(dir, join(dir, 'out'), ['exclude: ["./drafts/**", "../x"]', 'include: ["/a.txt"]']);
    const { code, stderr } = await hsframe(['run', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('CONFIG_INVALID  options.include.0: /a.txt matches no document: globs match doc_ids, paths inside the corpus folder with no leading / or ./ (write a.txt)');
    expect(stderr).toContain('options.exclude.0: ./drafts/** matches no document');
    expect(stderr).toContain('options.exclude.1: ../x matches no document: globs match doc_ids, paths inside the corpus folder, with no . or .. between their slashes');
  }, TIMEOUT);

  test('--out under a regular file → exit 2 and OUTPUT_WRITE_FAILED', async () => {
    const dir = await folder('unwritable');
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'not a folder');
    const file = await pipeline(dir, join(dir, 'out'));
    const { code, stderr } = await hsframe(['run', file, '--out', join(blocker, 'out')]);
    expect(code).toBe(2);
    expect(stderr).toContain('OUTPUT_WRITE_FAILED');
    expect(await readFile(blocker, 'utf8')).toBe('not a folder');
  }, TIMEOUT);

  // Node's recursive mkdir tries again for ever where a parent answers ENOENT for anything new.
  test.skipIf(!existsSync('/proc/self'))('--out in a folder that takes no new entries (/proc) → exit 2 at once, naming it', async () => {
    const dir = await folder('proc-out');
    const file = await pipeline(dir, join(dir, 'out'));
    const { code, stderr } = await hsframe(['run', file, '--out', '/proc/hsframe-out']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/\/proc\/hsframe-out {2}OUTPUT_WRITE_FAILED .*ENOENT/);
  }, TIMEOUT);
});

test.concurrent.for([
  ['a pipeline that is not there', ['missing.yaml']],
  ['an unusable option', ['--concurrency', 'many']],
  ['a corpus that is not there', ['--corpus', 'no-such-corpus', '--out', 'no-such-out']],
] as const)('run --json prints its one line when %s stops it: exit 2, counts 0', async ([, args]) => {
  const dir = await folder('json-refused');
  const { code, stdout } = await hsframe(['run', ...args, '--json'], dir);
  expect(code).toBe(2);
  expect(stdout.split('\n')).toHaveLength(2);
  expect(JSON.parse(stdout)).toMatchObject({ scored: 0, cached: 0, failed: 0, skipped: 0, phases: null, exit_code: 2 });
}, TIMEOUT);

test('a process that cannot load its modules (too many open files) exits 2 saying so, not 1 as if documents had failed', async () => {
  const { code, stderr } = await codeAndStderr(spawn('sh', ['-c', `ulimit -n 24 && exec "${process.execPath}" "${BIN}" run --quiet --out "${join(tmp, 'no-start')}"`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] }));
  expect(stderr).toMatch(/^hsframe: cannot start: EMFILE: too many open files, open '[^']+'\n$/);
  expect(code).toBe(2);
}, TIMEOUT);

describe.concurrent('outputs of other commands that cannot be written', () => {
  const BAD_LEXICON = 'name: bad\nversion: 1.0.0\nlanguage: en\ndescription: a term no word can match\ncategories:\n  c:\n    label: C\n    description: c\n    entries:\n      - term: "100"\n        source: "test"\n';

  test('lexicon export --out under a regular file → exit 2 and OUTPUT_WRITE_FAILED naming it', async () => {
    const dir = await folder('export-out');
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'not a folder');
    const out = join(blocker, 'x.dic');
    const { code, stderr } = await hsframe(['lexicon', 'export', LEXICONS[0], '--format', 'liwc', '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toBe(`${out}  OUTPUT_WRITE_FAILED  cannot write: ENOTDIR (a part of the path is not a folder)\n`);
  }, TIMEOUT);

  test('lexicon export of a lexicon with errors → exit 2, the errors named, nothing written', async () => {
    const dir = await folder('export-bad');
    const file = join(dir, 'bad.yaml');
    await writeFile(file, BAD_LEXICON);
    const { code, stdout, stderr } = await hsframe(['lexicon', 'export', file, '--format', 'liwc']);
    expect(code).toBe(2);
    expect(stderr).toContain('LEXICON_UNMATCHABLE_TERM');
    expect(stdout).toBe('');
  }, TIMEOUT);

  test('report where report.html is a folder → exit 2 and OUTPUT_WRITE_FAILED naming it', async () => {
    const dir = await folder('report-out');
    const out = join(dir, 'out');
    expect((await hsframe(['run', '--corpus', corpus, '--out', out, '--quiet'])).code).toBe(0);
    await mkdir(join(out, 'report.html', 'x'), { recursive: true });
    const { code, stderr } = await hsframe(['report', '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^${join(out, 'report.html')} {2}OUTPUT_WRITE_FAILED {2}cannot write: EISDIR`));
    expect(stderr).not.toMatch(/internal error|\n {4}at /);
  }, TIMEOUT);

  test('report from a scores.csv cut short → exit 2 saying so, not an internal error', async () => {
    const dir = await folder('report-cut');
    const out = join(dir, 'out');
    expect((await hsframe(['run', '--corpus', corpus, '--out', out, '--quiet'])).code).toBe(0);
    const scores = await readFile(join(out, 'scores.csv'), 'utf8');
    await writeFile(join(out, 'scores.csv'), scores.slice(0, scores.indexOf('\n') + 40));
    const { code, stderr } = await hsframe(['report', '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^hsframe report: scores\.csv is not a table as a run writes it \(.+\); run hsframe run again to write it\n$/);
  }, TIMEOUT);

  test('report from a scores.csv edited in R: NA is a missing value; a cell that is no number → exit 2 naming its row and column', async () => {
    const dir = await folder('report-na');
    const out = join(dir, 'out');
    expect((await hsframe(['run', '--corpus', corpus, '--out', out, '--quiet'])).code).toBe(0);
    const scores = await readFile(join(out, 'scores.csv'), 'utf8');
    const report = async () => (await readFile(join(out, 'report.html'), 'utf8')).replace(/generated [^<]*/, '');
    expect((await hsframe(['report', '--out', out])).code).toBe(0);
    const before = await report();
    // R's write.csv writes NA for an empty cell.
    const withNa = scores.replace(/,(?=,)/g, ',NA').replace(/,(?=,)/g, ',NA');
    expect(withNa).toContain(',NA,');
    await writeFile(join(out, 'scores.csv'), withNa);
    expect((await hsframe(['report', '--out', out])).code).toBe(0);
    expect(await report()).toBe(before);
    expect(before).not.toContain('NaN');
    const lines = scores.split('\n');
    const header = lines[0].split(',');
    const cells = lines[2].split(',');
    cells[header.indexOf('people_centric_per_1k')] = 'abc';
    lines[2] = cells.join(',');
    await writeFile(join(out, 'scores.csv'), lines.join('\n'));
    const { code, stderr } = await hsframe(['report', '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toBe(`hsframe report: scores.csv row 2 (${cells[0]}), column people_centric_per_1k: "abc" is not a number; run hsframe run again to write it\n`);
  }, TIMEOUT);

  test.for([
    ['a pipeline file that is not there', async () => 'missing.yaml', /missing\.yaml {2}CONFIG_UNREADABLE {2}/],
    ['a pipeline file that is not YAML', async (dir: string) => (await writeFile(join(dir, 'broken.yaml'), 'name: [unclosed\n'), 'broken.yaml'), /broken\.yaml:\d+:\d+ {2}CONFIG_YAML {2}/],
    ['a pipeline file that breaks its schema', async (dir: string) => (await writeFile(join(dir, 'invalid.yaml'), 'name: x\nlexicons: []\n'), 'invalid.yaml'), /invalid\.yaml(:\d+:\d+)? {2}CONFIG_INVALID {2}/],
  ] as const)('report with %s and --out → exit 2 naming it, as without --out; no report.html written', async ([, make, message]) => {
    const dir = await folder('report-pipeline');
    const out = join(dir, 'out');
    expect((await hsframe(['run', '--corpus', corpus, '--out', out, '--quiet'])).code).toBe(0);
    const file = join(dir, await make(dir));
    for (const args of [['report', file, '--out', out], ['report', file]]) {
      const { code, stderr } = await hsframe(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(message);
    }
    expect(existsSync(join(out, 'report.html'))).toBe(false);
  }, TIMEOUT);

  test('report with a good pipeline file and --out writes into --out, not into the pipeline\'s output folder', async () => {
    const dir = await folder('report-pipeline-out');
    const [out, pipelineOutput] = [join(dir, 'out'), join(dir, 'pipeline-out')];
    expect((await hsframe(['run', '--corpus', corpus, '--out', out, '--quiet'])).code).toBe(0);
    const { code, stderr } = await hsframe(['report', await pipeline(dir, pipelineOutput), '--out', out]);
    expect(code, stderr).toBe(0);
    expect(stderr).toBe(`hsframe report: wrote ${join(out, 'report.html')}\n`);
    expect(existsSync(pipelineOutput)).toBe(false);
  }, TIMEOUT);

  test.for([
    ['; and decimal commas, as a European spreadsheet saves it', ';', ','],
    ['tabs', '\t', '.'],
  ] as const)('report from a scores.csv saved back with %s: the report of the run', async ([, delimiter, decimal]) => {
    const dir = await folder('report-resaved');
    const out = join(dir, 'out');
    expect((await hsframe(['run', '--corpus', corpus, '--out', out, '--quiet', '--report'])).code).toBe(0);
    const report = async () => (await readFile(join(out, 'report.html'), 'utf8')).replace(/generated [^<]*/, '');
    const before = await report();
    const [header, ...rows] = parse(await readFile(join(out, 'scores.csv'), 'utf8')) as string[][];
    const cell = (text: string) => (/^-?\d+\.\d+$/.test(text) ? text.replace('.', decimal) : text.includes(delimiter) || text.includes('"') ? `"${text.replaceAll('"', '""')}"` : text);
    await writeFile(join(out, 'scores.csv'), `${[header, ...rows].map((row) => row.map(cell).join(delimiter)).join('\r\n')}\r\n`);
    const { code, stderr } = await hsframe(['report', '--out', out]);
    expect(code, stderr).toBe(0);
    expect(await report()).toBe(before);
  }, TIMEOUT);
});
