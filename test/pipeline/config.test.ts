import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadPipeline, optionsSchema } from '../../src/pipeline/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hsframe-config-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const HEAD = 'name: t\ncorpus: corpus\nlexicons: [a.yaml]\noutput: out\n';
const DEFAULTS = optionsSchema.parse({});

test.for([
  ['no options key', ''],
  ['options: with every child commented out (YAML null)', 'options:\n  # concurrency: 2\n  # tokeniser: wink.v1\n'],
  ['options: ~', 'options: ~\n'],
  ['options: {}', 'options: {}\n'],
] as const)('%s: every option at its default', async ([, options]) => {
  const file = join(dir, 'pipeline.yaml');
  await writeFile(file, `${HEAD}${options}`);
  const { config, issues } = await loadPipeline(file);
  expect(issues).toEqual([]);
  expect(config?.options).toEqual(DEFAULTS);
});

test('options that are neither a mapping nor empty are refused at their line', async () => {
  const file = join(dir, 'scalar.yaml');
  await writeFile(file, `${HEAD}options: 5\n`);
  const { config, issues } = await loadPipeline(file);
  expect(config).toBeUndefined();
  expect(issues.map((issue) => [issue.code, issue.line, issue.message])).toEqual([['CONFIG_INVALID', 5, 'options: Invalid input: expected object, received number']]);
});

test('a pipeline reached through a symbolic link reads its relative paths from the link\'s folder, as README says', async () => {
  const readme = (await readFile(new URL('../../README.md', import.meta.url), 'utf8')).replace(/\s+/g, ' ');
  expect(readme.includes('for a pipeline reached through a symbolic link, the link\'s folder, not its target\'s'), 'README says so').toBe(true);
  await mkdir(join(dir, 'target'));
  await mkdir(join(dir, 'linked'));
  await writeFile(join(dir, 'target', 'pipeline.yaml'), HEAD);
  await symlink(join(dir, 'target', 'pipeline.yaml'), join(dir, 'linked', 'pipeline.yaml'));
  const { config } = await loadPipeline(join(dir, 'linked', 'pipeline.yaml'));
  expect(config).toMatchObject({ corpus: join(dir, 'linked', 'corpus'), lexicons: [join(dir, 'linked', 'a.yaml')], output: join(dir, 'linked', 'out') });
});
