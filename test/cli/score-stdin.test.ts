import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { scoreCommand } from '../../src/cli/score-command.js';
import { codeAndStderr } from '../pipeline/cli-process.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHARTER = 'corpora/eu-migration/un-charter-1945.txt';

/** `hsframe score` in this process, with `input` (chunks) as its standard input. */
async function score(args: string[], input: (string | Uint8Array)[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  let [stdout, stderr] = ['', ''];
  const io: CliIo = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: ROOT, stdin: Readable.from(input.map((chunk) => Buffer.from(chunk))) };
  const code = await scoreCommand(args, io);
  return { code, stdout, stderr };
}

describe('hsframe score -', () => {
  test('scores standard input as a plain text whose doc_id is stdin, in doc_id order with the files', async () => {
    const text = 'Border control and human rights.\n\nFood security for refugees.\n';
    const both = await score(['-', CHARTER], [text.slice(0, 10), text.slice(10)]);
    expect(both.code, both.stderr).toBe(0);
    const rows = parse(both.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.doc_id)).toEqual([CHARTER, 'stdin']);
    const stdin = rows[1];
    expect(stdin).toMatchObject({ title: 'Border control and human rights.', encoding: 'utf-8', state_centric_hits: '1', food_hits: '1' });
    // Alone, the same row.
    const alone = parse((await score(['-'], [text])).stdout, { columns: true }) as Record<string, string>[];
    expect(alone).toEqual([stdin]);
  });

  test('its encoding is found as a file\'s is; empty or over the size limit it is reported as stdin, exit 1', async () => {
    const latin1 = parse((await score(['-'], [Buffer.from('Caf\xe9 and human rights.', 'latin1')])).stdout, { columns: true }) as Record<string, string>[];
    expect(latin1[0]).toMatchObject({ doc_id: 'stdin', encoding: 'iso-8859-1', title: 'Café and human rights.' });
    const empty = await score(['-']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe('stdin  FILE_EMPTY  standard input is empty\n');
    const chunk = new Uint8Array(10_000_000).fill(0x61);
    const huge = await score(['-'], Array.from({ length: 6 }, () => chunk));
    expect(huge.code).toBe(1);
    expect(huge.stderr).toBe('stdin  FILE_TOO_LARGE  standard input is over the limit of 50000000 bytes (max_file_bytes)\n');
    const twice = await score(['-', '-']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('give - (standard input) once');
  });

  test('--stdin-name gives its doc_id, and its extension the format, as a file\'s name would', async () => {
    const page = '<html><head><title>Border policy</title></head><body><p>Border control and human rights.</p><script>border control</script></body></html>';
    const html = await score(['-', '--stdin-name', 'page.html'], [page]);
    expect(html.code, html.stderr).toBe(0);
    expect(parse(html.stdout, { columns: true })).toMatchObject([{ doc_id: 'page.html', title: 'Border policy', state_centric_hits: '1', people_centric_hits: '1' }]);
    // Without an extension, plain text: the markup is words.
    const plain = parse((await score(['-', '--stdin-name', 'page'], [page])).stdout, { columns: true }) as Record<string, string>[];
    expect(plain[0]).toMatchObject({ doc_id: 'page', title: 'page' });
    expect(Number(plain[0].state_centric_hits)).toBeGreaterThan(1);
    const pdf = await score(['-', '--stdin-name', 'a.pdf'], ['not a PDF']);
    expect(pdf.code).toBe(1);
    expect(pdf.stderr).toMatch(/^a\.pdf {2}FILE_CORRUPT/);
    for (const [args, message] of [
      [[CHARTER, '--stdin-name', 'x'], '--stdin-name names the document read by -, which is not given'],
      [['-', '--stdin-name', ''], '--stdin-name must not be empty'],
      [['-', CHARTER, '--stdin-name', CHARTER], `--stdin-name ${CHARTER} is the doc_id of a file being scored`],
    ] as const) {
      const refused = await score([...args]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(message);
    }
  });

  test('the command reads the process\'s standard input', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli/bin.js'), 'score', '-'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stdin.end('Border control and human rights.\n');
    const code = await new Promise((done) => child.on('close', done));
    expect(code).toBe(0);
    expect((parse(stdout, { columns: true }) as Record<string, string>[]).map((row) => [row.doc_id, row.state_centric_hits])).toEqual([['stdin', '1']]);
  }, 60_000);
});

test('a folder given as standard input is FILE_UNREADABLE, named as a folder, not an empty file', async () => {
  const folder = openSync(join(ROOT, 'corpora'), 'r');
  try {
    const { code, stderr } = await codeAndStderr(spawn(process.execPath, [join(ROOT, 'dist/cli/bin.js'), 'score', '-'], { cwd: ROOT, stdio: [folder, 'ignore', 'pipe'] }));
    expect(code).toBe(1);
    expect(stderr).toBe('stdin  FILE_UNREADABLE  standard input is a folder, not a file\n');
  } finally {
    closeSync(folder);
  }
}, 60_000);

test.for(['x.zip', 'notes.RTF', 'sheet.xlsx'])('standard input named %s is refused as a file of that name is (FILE_UNREADABLE, exit 1), not scored as text', async (name) => {
  const dir = await mkdtemp(join(tmpdir(), 'hsframe-stdin-name-'));
  try {
    await writeFile(join(dir, name), 'Border control and human rights.\n');
    const stdin = await score(['-', '--stdin-name', name], ['Border control and human rights.\n']);
    const file = await score([join(dir, name)]);
    expect([stdin.code, file.code]).toEqual([1, 1]);
    expect(stdin.stderr).toMatch(new RegExp(`^${name.replace('.', '\\.')} {2}FILE_UNREADABLE {2}\\.\\w+ files are not read: hsframe reads plain text, Markdown, HTML, PDF and \\.docx`));
    expect(stdin.stderr.slice(name.length)).toBe(file.stderr.slice(file.stderr.indexOf('  ')));
    expect(stdin.stdout).toBe(file.stdout);
    expect(stdin.stdout.trim().split('\n')).toHaveLength(1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
