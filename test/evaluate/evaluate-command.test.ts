import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// `hsframe evaluate` as users run it: the built CLI (`npm test` compiles first).
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const LABELS = ['state_centric', 'people_centric', 'economic', 'food', 'health', 'environmental', 'personal', 'community', 'political'];

function hsframe(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

/** A gold row: id, text and the labels given as 1 (the others 0). */
const row = (id: string, text: string, ...positive: string[]) => [id, 'doc', `"${text}"`, ...LABELS.map((label) => (positive.includes(label) ? '1' : '0'))].join(',');
const GOLD = [
  `id,doc,text,${LABELS.join(',')}`,
  row('g1', 'The Union will strengthen border surveillance at the external borders.', 'state_centric'),
  row('g2', 'Refugees need protection of their human rights and dignity.', 'people_centric', 'political'),
  row('g3', 'Food security and access to health care matter for displaced people.', 'people_centric', 'food', 'health'),
  // A miss: the coders read a frame no entry names.
  row('g4', 'The Commission shall adopt implementing acts.', 'state_centric'),
  row('g5', 'Member States shall ensure access to employment for applicants.', 'economic'),
  row('g6', 'Smuggling networks threaten the security of the Union.', 'state_centric'),
].join('\n');

let tmp: string;
let gold: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'hsframe-evaluate-'));
  gold = join(tmp, 'gold.csv');
  await writeFile(gold, `${GOLD}\n`);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('hsframe evaluate', () => {
  test('prints each label\'s counts and figures, and writes them and every error as CSV', async () => {
    const out = join(tmp, 'metrics.csv');
    const errors = join(tmp, 'errors.csv');
    const { code, stdout } = await hsframe(['evaluate', '--gold', gold, '--out', out, '--errors', errors]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\(all, 6 sentences; security-frames@/);
    const metrics = parse(await readFile(out), { columns: true }) as Record<string, string>[];
    const state = metrics.find((m) => m.label === 'state_centric')!;
    expect(state).toMatchObject({ support: '3', predicted: '2', tp: '2', fp: '0', fn: '1', precision: '1.000', recall: '0.667', f1: '0.800' });
    expect(metrics.at(-1)!.label).toBe('macro');
    const misses = parse(await readFile(errors), { columns: true }) as Record<string, string>[];
    expect(misses).toContainEqual(expect.objectContaining({ id: 'g4', label: 'state_centric', kind: 'fn', entries: 'none' }));
  }, 60_000);

  test('--entries writes what each entry did: where it counted, against the gold label, and where it alone predicted the label', async () => {
    const lexicon = join(tmp, 'two-entries.yaml');
    await writeFile(lexicon, 'name: t\nversion: 1.0.0\nlanguage: en\ndescription: d\ncategories:\n  state_centric:\n    label: State\n    description: d\n    entries:\n      - {term: border, source: s}\n      - {term: security, source: s}\n');
    const entriesGold = join(tmp, 'entries-gold.csv');
    // border: alone in a1 (coded state) and a4 (not); with security in a2 (coded). security: alone in a3 (not coded).
    await writeFile(entriesGold, 'id,text,state_centric\na1,The border is closed.,1\na2,Border security matters.,1\na3,The security of data.,0\na4,A border town.,0\na5,Nothing here.,0\n');
    const entries = join(tmp, 'entries.csv');
    const { code } = await hsframe(['evaluate', '--gold', entriesGold, '--lexicon', lexicon, '--entries', entries]);
    expect(code).toBe(0);
    expect(parse(await readFile(entries), { columns: true })).toEqual([
      { label: 'state_centric', entry: 'border', sentences: '3', gold_yes: '2', gold_no: '1', precision: '0.667', alone: '2', alone_gold_yes: '1', alone_gold_no: '1' },
      { label: 'state_centric', entry: 'security', sentences: '2', gold_yes: '1', gold_no: '1', precision: '0.500', alone: '1', alone_gold_yes: '0', alone_gold_no: '1' },
    ]);
  }, 60_000);

  test('--subset odd scores only the rows whose id ends in an odd number', async () => {
    const { code, stdout } = await hsframe(['evaluate', '--gold', gold, '--subset', 'odd']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\(odd, 3 sentences;/);
  }, 60_000);

  test.for([
    ['odd', 'even ids', ['g2', 'g4', 'g6'], 'even'],
    ['even', 'odd ids', ['g1', 'g3'], 'odd'],
    ['even', 'ids with no number', ['intro', 'outro'], 'odd'],
  ] as const)('--subset %s of a gold file of %s: exit 2 naming the subset and the file, no table', async ([subset, , ids, other]) => {
    const file = join(tmp, `subset-${subset}-${ids[0]}.csv`);
    await writeFile(file, [GOLD.split('\n')[0], ...ids.map((id) => row(id, 'Border control of the Union.', 'state_centric'))].join('\n') + '\n');
    const { code, stdout, stderr } = await hsframe(['evaluate', '--gold', file, '--subset', subset]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${file}  GOLD_INVALID  --subset ${subset} holds none of its ${ids.length} row(s): no id's last number is ${subset} (give --subset ${other} or all)\n`);
  }, 60_000);

  test('--ci adds 95% bootstrap intervals: two columns on the terminal, eight in --out, the same on every run', async () => {
    const out = join(tmp, 'metrics-ci.csv');
    const first = await hsframe(['evaluate', '--gold', gold, '--ci', '--resamples', '500', '--out', out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/95% bootstrap intervals, 500 resamples, seed 1\)/);
    expect(first.stdout.split('\n')[1]).toMatch(/f1_95ci\s+kappa_95ci$/);
    const metrics = parse(await readFile(out), { columns: true }) as Record<string, string>[];
    expect(Object.keys(metrics[0]).slice(-8)).toEqual(['precision_ci_low', 'precision_ci_high', 'recall_ci_low', 'recall_ci_high', 'f1_ci_low', 'f1_ci_high', 'cohen_kappa_ci_low', 'cohen_kappa_ci_high']);
    const state = metrics.find((m) => m.label === 'state_centric')!;
    expect(Number(state.f1_ci_low)).toBeLessThanOrEqual(Number(state.f1));
    expect(Number(state.f1_ci_high)).toBeGreaterThanOrEqual(Number(state.f1));
    // A label no sentence has and nothing predicts: no interval.
    expect(metrics.find((m) => m.label === 'environmental')).toMatchObject({ f1: '', f1_ci_low: '', f1_ci_high: '' });
    const again = await hsframe(['evaluate', '--gold', gold, '--ci', '--resamples', '500']);
    expect(again.stdout).toBe(first.stdout);
  }, 60_000);

  test.for([
    [['--resamples', '500'], /--resamples needs --ci/],
    [['--ci', '--resamples', '10'], /--resamples must be a whole number from 100/],
    [['--ci', '--resamples', '1e3'], /--resamples must be a whole number from 100/],
    [['--subset', 'third'], /--subset must be all, odd or even/],
  ] as const)('%j: exit 2 with the reason', async ([args, message]) => {
    const { code, stderr } = await hsframe(['evaluate', '--gold', gold, ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  }, 60_000);

  test('a repeated id: that row is left out and named, exit 1', async () => {
    const dup = join(tmp, 'dup.csv');
    await writeFile(dup, `${GOLD}\n${row('g2', 'Refugees.', 'people_centric')}\n`);
    const { code, stdout, stderr } = await hsframe(['evaluate', '--gold', dup]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/\(all, 6 sentences;/);
    expect(stderr).toContain(`${dup}:8  GOLD_INVALID  line 8: id "g2" is already the id of the row on line 3; ids must be unique`);
  }, 60_000);

  test('a problem names the line its row starts on, past rows of several lines and blank lines', async () => {
    const lines = join(tmp, 'lines.csv');
    await writeFile(lines, 'id,text,food\nd1,"Food\n\naid",1\n\nd2,Hunger,yes\nd1,Bread,0\n');
    const { code, stderr } = await hsframe(['evaluate', '--gold', lines]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${lines}:6  GOLD_INVALID  line 6 (id d2): food must be 0 or 1, got "yes"`);
    expect(stderr).toContain(`${lines}:7  GOLD_INVALID  line 7: id "d1" is already the id of the row on line 2; ids must be unique`);
    // As a spreadsheet saves it: CR LF ends every line, inside quoted cells too.
    const crlf = join(tmp, 'crlf.csv');
    await writeFile(crlf, 'id,text,state_centric\r\ns1,"Border\r\ncontrol.",1\r\ns2,"multi\r\nline\r\ntext",0\r\ns3,Weather.,9\r\n');
    expect((await hsframe(['evaluate', '--gold', crlf])).stderr).toContain(`${crlf}:7  GOLD_INVALID  line 7 (id s3): state_centric must be 0 or 1, got "9"`);
  }, 60_000);

  test('a column named twice is refused; a column of 0/1 labels that is no category is named, not silently left out', async () => {
    const twice = join(tmp, 'twice.csv');
    await writeFile(twice, 'id,text,food,food\nd1,Food aid,1,0\n');
    expect(await hsframe(['evaluate', '--gold', twice])).toMatchObject({ code: 2, stderr: `${twice}:1  GOLD_INVALID  column "food" is in the header twice; each column must be named once\n` });
    const misspelt = join(tmp, 'misspelt.csv');
    await writeFile(misspelt, 'id,doc,text,food,politcal\nd1,a,Food aid and elections,1,1\nd2,b,Nothing,0,0\n');
    const { code, stderr, stdout } = await hsframe(['evaluate', '--gold', misspelt]);
    expect(code).toBe(0);
    expect(stderr).toContain(`${misspelt}:1  GOLD_COLUMN_IGNORED  warning: column "politcal" holds 0/1 labels but is no lexicon category`);
    expect(stderr).not.toContain('"doc"');
    expect(stdout).toMatch(/^food /m);
  }, 60_000);

  test('unnamed columns (a spreadsheet\'s trailing empty ones) are no repeated name; a line separator inside a sentence is text to the CSV', async () => {
    const trailing = join(tmp, 'trailing.csv');
    await writeFile(trailing, 'id,text,people_centric,,\ns1,Refugees need rights.,1,,\ns2,The state defends borders.,0,,\n');
    expect(await hsframe(['evaluate', '--gold', trailing])).toMatchObject({ code: 0, stderr: '' });
    const separator = join(tmp, 'separator.csv');
    await writeFile(separator, 'id,text,people_centric\ns1,Refugees need\u2028human rights.,1\n');
    const { code, stdout } = await hsframe(['evaluate', '--gold', separator]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^people_centric +1 +1 +1 +0 +0/m);
  }, 60_000);

  test('a gold file saved as Windows-1252 is read as such: the same figures as in UTF-8', async () => {
    const text = 'id,text,environmental\nd1,The El Ni\u00f1o of that year hit our farmers.,1\nd2,Nothing happened.,0\n';
    const [utf8, latin] = [join(tmp, 'utf8.csv'), join(tmp, 'cp1252.csv')];
    await writeFile(utf8, text);
    await writeFile(latin, Buffer.from(text, 'latin1'));
    const [a, b] = [await hsframe(['evaluate', '--gold', utf8]), await hsframe(['evaluate', '--gold', latin])];
    expect(b.stdout.replace(latin, utf8)).toBe(a.stdout);
    expect(a.stdout).toMatch(/^environmental +1 +1 +1 +0 +0/m);
  }, 60_000);

  test('an output that is the gold file or another output\'s file: exit 2, the gold file left as it was', async () => {
    const copy = join(tmp, 'copy.csv');
    await writeFile(copy, `${GOLD}\n`);
    expect(await hsframe(['evaluate', '--gold', copy, '--errors', copy])).toMatchObject({ code: 2, stderr: `${copy}  OUTPUT_WRITE_FAILED  --errors is the gold file; it is left as it was\n` });
    expect(await readFile(copy, 'utf8')).toBe(`${GOLD}\n`);
    const out = join(tmp, 'metrics.csv');
    expect(await hsframe(['evaluate', '--gold', copy, '--out', out, '--entries', out])).toMatchObject({ code: 2, stderr: `${out}  OUTPUT_WRITE_FAILED  --entries and --out name the same file; give each its own\n` });
    // Two names of one file, through a link.
    await writeFile(out, 'x\n');
    const link = join(tmp, 'link.csv');
    await symlink(out, link);
    expect(await hsframe(['evaluate', '--gold', copy, '--out', out, '--errors', link])).toMatchObject({ code: 2, stderr: `${link}  OUTPUT_WRITE_FAILED  --errors and --out name the same file; give each its own\n` });
    // A lexicon given with --lexicon.
    const lexicon = join(tmp, 'lexicon.yaml');
    const text = await readFile(join(import.meta.dirname, '../../lexicons/security-frames.yaml'), 'utf8');
    await writeFile(lexicon, text);
    expect(await hsframe(['evaluate', '--gold', copy, '--lexicon', lexicon, '--entries', lexicon])).toMatchObject({ code: 2, stderr: `${lexicon}  OUTPUT_WRITE_FAILED  --entries is a lexicon file; it is left as it was\n` });
    expect(await readFile(lexicon, 'utf8')).toBe(text);
  }, 60_000);

  test('a gold file with a header and no rows: exit 2, saying so', async () => {
    const empty = join(tmp, 'header-only.csv');
    await writeFile(empty, 'id,text,state_centric\n');
    const { code, stderr } = await hsframe(['evaluate', '--gold', empty]);
    expect(code).toBe(2);
    expect(stderr).toBe(`${empty}  GOLD_INVALID  no rows: a gold CSV needs a header (id, text and 0/1 label columns) and at least one coded sentence\n`);
  }, 60_000);

  test('an output that cannot be written: exit 2, naming it', async () => {
    const out = join(tmp, 'no-such-folder', 'metrics.csv');
    const { code, stderr } = await hsframe(['evaluate', '--gold', gold, '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toBe(`${out}  OUTPUT_WRITE_FAILED  cannot write: ENOENT (no such file or folder)\n`);
  }, 60_000);

  test('names the sentences it could not score (read as another language) and, with a subset, the rows in neither half', async () => {
    const file = join(tmp, 'mixed.csv');
    await writeFile(file, [GOLD, row('g7', 'Les droits des réfugiés sont protégés par la convention de Genève.', 'people_centric'), row('intro', 'Border control of the Union.', 'state_centric')].join('\n') + '\n');
    const all = await hsframe(['evaluate', '--gold', file]);
    expect(all.code).toBe(0);
    expect(all.stderr).toBe(`${file}  GOLD_UNSCORED  warning: 1 sentence(s) had no word scored, read as another language than the lexicons' (or holding no word), so they predict no label: g7 (fr)\n`);
    const odd = await hsframe(['evaluate', '--gold', file, '--subset', 'odd']);
    expect(odd.stderr).toContain(`${file}  GOLD_UNNUMBERED  warning: 1 row(s) are in neither half, as their id holds no number: intro\n`);
    expect((await hsframe(['evaluate', '--gold', gold])).stderr).toBe('');
  }, 60_000);

  test('a gold file that is not there: exit 2, naming it', async () => {
    const missing = join(tmp, 'no-such-gold.csv');
    const { code, stderr } = await hsframe(['evaluate', '--gold', missing]);
    expect(code).toBe(2);
    expect(stderr).toContain('no-such-gold.csv');
  }, 60_000);
});
