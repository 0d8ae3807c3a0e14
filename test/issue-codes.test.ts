import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { run } from '../src/cli/main.js';
import { ISSUE_CODES } from '../src/issues.js';

test('README lists every issue code, with the severity it has, and no code that does not exist', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Issue codes'), readme.indexOf('## scores.csv'));
  const listed = new Map<string, string>();
  for (const [, codes, severity] of section.matchAll(/^\| (`[A-Z_0-9]+`(?:, `[A-Z_0-9]+`)*) \| ([a-z ]+) \|/gm)) {
    for (const [, code] of codes.matchAll(/`([A-Z_0-9]+)`/g)) listed.set(code, severity);
  }
  expect([...listed.keys()].sort()).toEqual(Object.keys(ISSUE_CODES).sort());
  // A code's own severity comes first ("error or warning": its checks may report it lower).
  for (const [code, severity] of listed) expect(severity.split(' or ')[0], code).toBe(ISSUE_CODES[code as keyof typeof ISSUE_CODES]);
});

test('README names the problems said in plain messages, with no code: each starts with "hsframe" and exits 2', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const intro = readme.slice(readme.indexOf('### Issue codes'), readme.indexOf('| code |')).replace(/\s+/g, ' ');
  for (const kind of ['usage errors', "`explain`'s unknown `--category`", "`hsframe report`'s refusal", 'not UTF-8', '`internal error`']) expect(intro).toContain(kind);
  const dir = await mkdtemp(join(tmpdir(), 'hsframe-plain-'));
  try {
    await writeFile(join(dir, 'manifest.json'), '{}');
    await writeFile(join(dir, 'scores.csv'), 'id,title\n');
    for (const [args, start] of [
      [['run', '--bogus'], 'hsframe run: '],
      [['explain', 'un-charter-1945.txt', '--category', 'bogus'], 'hsframe explain: unknown category "bogus"'],
      [['report', '--out', dir], 'hsframe report: scores.csv does not start with the doc_id column'],
    ] as const) {
      let stderr = '';
      const code = await run(args, { stdout: () => undefined, stderr: (text) => (stderr += text), cwd: fileURLToPath(new URL('..', import.meta.url)) });
      expect(code, stderr).toBe(2);
      expect(stderr.startsWith(start), stderr).toBe(true);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
