import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { Issue } from '../document.js';
import { DEFAULT_INGEST_SETTINGS, globProblem, UNREADABLE_FORMATS } from '../ingest/index.js';
import { DEFAULT_TOKENISE_SETTINGS, TOKENISERS } from '../tokenise/index.js';
import { makeIssue, reasonOf } from '../issues.js';
import { expected, parseYaml, yamlText, zodIssues } from '../yaml-issues.js';
import { DEFAULT_MAX_SECONDS_PER_DOCUMENT } from './worker-pool.js';


/** Extensions of files that are neither text nor a format hsframe converts (.pdf, .docx): read as text, every one would fail as binary. */

/** A glob over doc_ids, which are paths inside the corpus folder: one that starts with `/` or `./`, or has a `..`, would match none (`globProblem`). */
const idGlob = z
  .string()
  .min(1)
  .refine((glob) => globProblem(glob) === undefined, { error: (issue) => globProblem(String(issue.input)) });

/** Options a pipeline may set; every default lives here (S16). */
export const optionsSchema = z.strictObject({
  extensions: z
    .array(
      z
        .string()
        .regex(/^\.[a-z0-9]+$/, 'an extension looks like ".txt"')
        .refine((extension) => !UNREADABLE_FORMATS.has(extension), { error: (issue) => `${String(issue.input)} files are not read: hsframe reads plain text, Markdown, HTML, PDF and .docx (convert others to one of these)` }),
      { error: expected('extensions must be a list such as [".txt", ".md"]') },
    )
    .min(1)
    .default([...DEFAULT_INGEST_SETTINGS.extensions]),
  include: z.array(idGlob, { error: expected('include must be a list of globs such as ["Session 7*/**", "**/*2024*"]') }).default([]),
  exclude: z.array(idGlob, { error: expected('exclude must be a list of globs such as ["SOURCES.md", "drafts/**"]') }).default([]),
  max_file_bytes: z.number({ error: expected('max_file_bytes must be a whole number of bytes') }).int().positive().default(DEFAULT_INGEST_SETTINGS.maxFileBytes),
  concurrency: z.number({ error: expected('concurrency must be a whole number from 0 (one thread per core) to 64') }).int().min(0).max(64).default(0),
  max_seconds_per_document: z.number({ error: expected('max_seconds_per_document must be a number of seconds (0: no limit)') }).min(0, { error: expected('max_seconds_per_document must be a number of seconds (0: no limit)') }).finite().default(DEFAULT_MAX_SECONDS_PER_DOCUMENT),
  report: z.boolean({ error: expected('report must be true or false') }).default(false),
  format: z.enum(['wide', 'long'], { error: expected('format must be "wide" or "long"') }).default('wide'),
  segments: z.enum(['none', 'sentence', 'paragraph'], { error: expected('segments must be "none", "sentence" or "paragraph"') }).default('none'),
  tokeniser: z.enum(TOKENISERS, { error: expected(`tokeniser must be one of ${TOKENISERS.join(', ')}`) }).default(DEFAULT_TOKENISE_SETTINGS.tokeniser),
});

/** A pipeline file: what to read, which lexicons, where to write. */
export const pipelineSchema = z.strictObject({
  name: z.string({ error: expected('name must be text') }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'name must be letters, digits, ".", "_" or "-"'),
  description: z.string().optional(),
  corpus: z.string({ error: expected('corpus must be a folder path') }).min(1),
  lexicons: z.array(z.string().min(1), { error: expected('lexicons must be a list of lexicon file paths') }).min(1, 'lexicons must name at least one lexicon file'),
  output: z.string({ error: expected('output must be a folder path') }).min(1),
  // `options:` with every child commented out is YAML null: no options set, every default.
  options: z.preprocess((options) => options ?? undefined, optionsSchema.default(optionsSchema.parse({}))),
});

/** Options after defaults. */
export type RunOptions = z.output<typeof optionsSchema>;

/** A pipeline with every default filled in and paths made absolute (relative ones are read from the pipeline file's folder). */
export interface RunConfig {
  readonly name: string;
  readonly file: string;
  readonly corpus: string;
  readonly lexicons: readonly string[];
  readonly output: string;
  readonly options: Readonly<RunOptions>;
}

/** Read and validate a pipeline file. Problems come back as issues with line and column (S14). */
export async function loadPipeline(file: string): Promise<{ config?: RunConfig; issues: Issue[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { issues: [makeIssue('CONFIG_UNREADABLE', file, `cannot read pipeline: ${reasonOf(error)}`, { stage: 'config' })] };
  }
  const decoded = yamlText(file, bytes, 'CONFIG_UNREADABLE');
  if ('issue' in decoded) return { issues: [{ ...decoded.issue, stage: 'config' }] };
  const { text } = decoded;
  const { source, issues } = parseYaml(file, text, 'CONFIG_YAML');
  if (!source) return { issues };
  const parsed = pipelineSchema.safeParse(source.value);
  if (!parsed.success) return { issues: zodIssues(source, parsed.error, 'CONFIG_INVALID') };
  const base = dirname(resolve(file));
  const spec = parsed.data;
  const config: RunConfig = {
    name: spec.name,
    file: resolve(file),
    corpus: resolve(base, spec.corpus),
    lexicons: spec.lexicons.map((lexicon) => resolve(base, lexicon)),
    output: resolve(base, spec.output),
    options: Object.freeze(spec.options),
  };
  return { config: Object.freeze(config), issues: [] };
}
