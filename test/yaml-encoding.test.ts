import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { loadLexicon } from '../src/lexicon/index.js';
import { loadPipeline } from '../src/pipeline/index.js';

const dir = await mkdtemp(join(tmpdir(), 'hsframe-yaml-encoding-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** UTF-16 (little-endian, with its byte order mark) and Latin-1 bytes of a text. */
const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const latin1 = (text: string) => Buffer.from(text, 'latin1');

test('a lexicon or pipeline YAML that is not UTF-8 is refused as unreadable, saying what it looks like, not parsed as garbled text', async () => {
  const lexicon = `# Sécurité —\n${await readFile(new URL('../lexicons/security-frames.yaml', import.meta.url), 'utf8')}`;
  const pipeline = await readFile(new URL('../pipelines/eu-migration.yaml', import.meta.url), 'utf8');
  const cases = [
    ['lexicon-16.yaml', utf16(lexicon), 'LEXICON_UNREADABLE', 'UTF-16'],
    ['lexicon-l1.yaml', latin1(lexicon.replace('—', '-')), 'LEXICON_UNREADABLE', 'Windows-1252 or Latin-1'],
    ['pipeline-16.yaml', utf16(pipeline), 'CONFIG_UNREADABLE', 'UTF-16'],
  ] as const;
  for (const [name, bytes, code, looks] of cases) {
    const file = join(dir, name);
    await writeFile(file, bytes);
    const { issues } = name.startsWith('lexicon') ? await loadLexicon(file) : await loadPipeline(file);
    expect(issues.map((issue) => [issue.code, issue.file, issue.message]), name).toEqual([[code, file, `not UTF-8 text (it looks like ${looks}): save it as UTF-8`]]);
  }
  // With a byte order mark, UTF-8 is read as it is.
  const bom = join(dir, 'bom.yaml');
  await writeFile(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lexicon)]));
  expect((await loadLexicon(bom)).lexicon?.id).toBe('security-frames');
});
