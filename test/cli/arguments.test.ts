import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hsframe-arguments-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** `hsframe ARGS` in this process, in a temp folder of its own (nothing in it unless a test puts it there). */
async function hsframe(args: readonly string[], input: readonly string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  let [stdout, stderr] = ['', ''];
  const io: CliIo = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: dir, stdin: Readable.from(input.map((chunk) => Buffer.from(chunk))) };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

describe('an option that takes one value, given twice, is refused (exit 2), not last-wins', () => {
  test.for([
    [['run', 'p.yaml', '--out', 'a', '--out', 'b'], 'hsframe run: --out is given twice ("a", "b"); give it once'],
    [['run', '--concurrency', '2', '--concurrency=3'], 'hsframe run: --concurrency is given twice ("2", "3")'],
    [['run', '--force', '--quiet', '--force'], 'hsframe run: --force is given twice; give it once'],
    [['run', '--out', 'a', '--out', 'b', '--out', 'c'], 'hsframe run: --out is given 3 times ("a", "b", "c")'],
    [['run', '--format', 'long', '--format', 'wide'], 'hsframe run: --format is given twice ("long", "wide")'],
    [['score', '-', '--delimiter', ';', '--delimiter', ','], 'hsframe score: --delimiter is given twice'],
    [['evaluate', '--gold', 'a.csv', '--gold', 'b.csv'], 'hsframe evaluate: --gold is given twice ("a.csv", "b.csv")'],
    [['explain', 'a.txt', '--category', 'food', '--category', 'health'], 'hsframe explain: --category is given twice'],
    [['merge', 'a', 'b', '--out', 'x', '--out', 'y'], 'hsframe merge: --out is given twice'],
    [['report', '--out', 'x', '--out', 'y'], 'hsframe report: --out is given twice'],
    [['lexicon', 'export', 'a.yaml', '--format', 'liwc', '--format', 'quanteda'], 'hsframe lexicon: --format is given twice'],
  ] as const)('%j', async ([args, message]) => {
    const { code, stdout, stderr } = await hsframe(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  test.for([
    [['score', 'doc.txt', '--lexicon', 'a.yaml', '--lexicon', 'b.yaml'], 'a.yaml'],
    [['evaluate', '--gold', 'gold.csv', '--lexicon', 'a.yaml', '--lexicon', 'b.yaml'], 'a.yaml'],
    [['lexicon', 'lint', 'a.yaml', '--corpus', 'corpus', '--exclude', 'x', '--exclude', 'y'], 'a.yaml'],
    [['run', '--help', '-h'], ''],
  ] as const)('a repeatable option (as its --help says) may be given again: %j', async ([args, file]) => {
    const { stderr } = await hsframe(args);
    expect(stderr).not.toContain('given twice');
    expect(stderr).toContain(file);
  });
});

test.for([
  [['lexicon', 'lint', '--out', 'x.dic'], '--out is not an option of lexicon lint (it is one of lexicon export)'],
  [['lexicon', 'show', '--format', 'liwc'], '--format is not an option of lexicon show (it is one of lexicon export)'],
  [['lexicon', 'show', 'a.yaml', '--corpus', 'corpus'], '--corpus is not an option of lexicon show (it is one of lexicon lint)'],
  [['lexicon', 'export', 'a.yaml', '--format', 'liwc', '--corpus', 'corpus'], '--corpus is not an option of lexicon export (it is one of lexicon lint)'],
  [['lexicon', 'export', 'a.yaml', '--format', 'liwc', '--exclude', 'x'], '--exclude is not an option of lexicon export (it is one of lexicon lint)'],
  [['lexicon', 'lint', '--exclude', 'SOURCES.md'], '--exclude leaves out files of the --corpus folder, which is not given'],
  [['lexicon', 'frob'], 'unknown subcommand "frob": use show, lint or export'],
  [['lexicon'], 'unknown subcommand "": use show, lint or export'],
] as const)('lexicon refuses an option its subcommand does not take (exit 2, nothing written): %j', async ([args, message]) => {
  const { code, stdout, stderr } = await hsframe(args);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toBe(`hsframe lexicon: ${message}\nRun "hsframe lexicon --help" for usage.\n`);
});

test.for([
  [['p.yaml', '--json', '--bogus'], "Unknown option '--bogus'"],
  [['p.yaml', '--concurrency', '-1', '--json'], "Option '--concurrency' argument is ambiguous"],
  [['p.yaml', '--json', '--wait', '-1'], "Option '--wait' argument is ambiguous"],
  [['p.yaml', '--out', '--json'], "Option '--out' argument is ambiguous"],
  [['p.yaml', '--json', '--out', 'a', '--out', 'b'], '--out is given twice'],
  [['p.yaml', '--json', '--json'], '--json is given twice'],
])('run --json whose options cannot be parsed prints the line of a run that could not start: %j', async ([args, message]) => {
  const { code, stdout, stderr } = await hsframe(['run', ...args]);
  expect(code).toBe(2);
  expect(stderr).toContain(message);
  expect(stdout.endsWith('\n')).toBe(true);
  expect(stdout.split('\n')).toHaveLength(2);
  const line = JSON.parse(stdout) as Record<string, unknown>;
  expect(line).toEqual({ pipeline: null, output: null, scored: 0, cached: 0, failed: 0, skipped: 0, seconds: line.seconds, phases: null, exit_code: 2 });
  // As a pipeline file that cannot be read gives it.
  const missing = JSON.parse((await hsframe(['run', 'p.yaml', '--json'])).stdout) as Record<string, unknown>;
  expect(Object.keys(line)).toEqual(Object.keys(missing));
  expect({ ...line, seconds: 0 }).toEqual({ ...missing, seconds: 0 });
});

test.for([
  [['run', 'p.yaml', '--concurrency', ''], 'hsframe run: --concurrency must not be empty'],
  [['run', 'p.yaml', '--concurrency', ' '], 'hsframe run: --concurrency must be a whole number from 0 to 64, got " "'],
  [['run', 'p.yaml', '--concurrency', '0x10'], 'hsframe run: --concurrency must be a whole number from 0 to 64, got "0x10"'],
  [['run', 'p.yaml', '--concurrency', '1e1'], 'hsframe run: --concurrency must be a whole number from 0 to 64, got "1e1"'],
  [['run', 'p.yaml', '--wait', ''], 'hsframe run: --wait must not be empty'],
  [['run', 'p.yaml', '--wait', ' '], 'hsframe run: --wait must be a number of seconds such as 600 or 2.5, got " "'],
  [['run', 'p.yaml', '--wait', '1e400'], 'hsframe run: --wait must be a number of seconds such as 600 or 2.5, got "1e400"'],
  [['run', 'p.yaml', '--wait', 'Infinity'], 'hsframe run: --wait must be a number of seconds such as 600 or 2.5, got "Infinity"'],
  [['run', 'p.yaml', '--shard', '1/99999999999999999999'], 'hsframe run: --shard must be K/N with 1 <= K <= N <= 1000000, got "1/99999999999999999999"'],
  [['run', 'p.yaml', '--out', ''], 'hsframe run: --out must not be empty'],
  [['report', 'a.yaml', 'extra.yaml'], 'hsframe report: give at most one pipeline file, got 2: a.yaml extra.yaml'],
  [['evaluate', '--gold', 'gold.csv', 'extra.csv'], 'hsframe evaluate: takes no arguments but its options, got extra.csv (the gold file goes after --gold)'],
  [['explain', 'a.txt', '--category='], 'hsframe explain: --category must not be empty'],
] as const)('a number, value or argument that cannot be used is refused (exit 2): %j', async ([args, message]) => {
  const { code, stderr } = await hsframe(args);
  expect(code).toBe(2);
  expect(stderr).toBe(`${message}\nRun "hsframe ${args[0]} --help" for usage.\n`);
});

test('the largest numbers run takes are taken: --concurrency 64, --wait 2.5, --shard 1000000/1000000', async () => {
  const { code, stderr } = await hsframe(['run', 'p.yaml', '--concurrency', '64', '--wait', '2.5', '--shard', '1000000/1000000']);
  expect(code).toBe(2);
  expect(stderr).toMatch(/^\S*p\.yaml {2}CONFIG_UNREADABLE/);
});

test('--wait has no upper bound: a wait of a year, or of more seconds than a timer holds milliseconds, is taken', async () => {
  for (const wait of ['31536000', '99999999999999999999']) {
    const { code, stderr } = await hsframe(['run', 'p.yaml', '--wait', wait]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^\S*p\.yaml {2}CONFIG_UNREADABLE/);
  }
});
