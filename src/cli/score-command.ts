import { fstatSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, extname, relative, resolve, sep } from 'node:path';
import type { Issue } from '../document.js';
import { DEFAULT_INGEST_SETTINGS, findDocuments, UNREADABLE_FORMATS, type DocumentFile } from '../ingest/index.js';
import { hasErrors, makeIssue, reasonOf } from '../issues.js';
import { LONG_HEADER, longCells, scoreCells, scoreHeader, toCsv } from '../output/index.js';
import { CSV_FLAG_OPTIONS, csvOptions, csvSettingsFrom, layoutFrom, type CsvFlags } from './csv-flags.js';
import { BUNDLED_LEXICONS, loadScorer, scoreFiles, scoreInput, type DocOutcome, type Scorer } from '../pipeline/index.js';
import { EXIT, isOneOf, reportIssues, usageError, writeOutputFile, type CliIo } from './io.js';
import { parseCommand } from './parse.js';
import { compareText } from '../compare-text.js';

/** The doc_id of a text read from standard input, unless named: no listed document has it (their names have an extension). */
const STDIN_ID = 'stdin';

export const SCORE_HELP = `Usage: hsframe score PATH... [--lexicon FILE]... [--out FILE] [--stdin-name NAME]

Score files and folders (folders recursively) and print scores CSV, with the same
columns as scores.csv. Problems go to standard error.

  PATH                a file or a folder; with one folder, doc_id is the path inside it,
                      otherwise the path relative to the current folder; - reads a
                      document from standard input
  --stdin-name NAME   the doc_id of the document read by - (default: ${STDIN_ID}); its
                      extension says its format as a file's does (page.html, a.pdf;
                      a.zip is refused), plain text without one
  --lexicon FILE      lexicon YAML to use (repeatable; default: the bundled lexicons)
  --out FILE          write the CSV to FILE (atomically) instead of standard output
${csvOptions}  -h, --help          show this help

Exit codes: 0 all documents scored; 1 some documents failed (the rest are scored);
2 unusable arguments or lexicon.
`;

/** \`hsframe score\`. */
export async function scoreCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(argv, { lexicon: { type: 'string', multiple: true }, out: { type: 'string' }, 'stdin-name': { type: 'string' }, ...CSV_FLAG_OPTIONS });
  if ('error' in parsed) return usageError(io, 'score', parsed.error);
  if (parsed.values.help) return io.stdout(SCORE_HELP), EXIT.ok;
  if (parsed.positionals.length === 0) return usageError(io, 'score', 'name at least one file or folder to score');
  const paths = parsed.positionals.filter((path) => path !== '-');
  if (parsed.positionals.length - paths.length > 1) return usageError(io, 'score', 'give - (standard input) once');
  const readsStdin = paths.length < parsed.positionals.length;
  const stdinName = parsed.values['stdin-name'] as string | undefined;
  if (stdinName !== undefined && !readsStdin) return usageError(io, 'score', '--stdin-name names the document read by -, which is not given');
  if (stdinName === '') return usageError(io, 'score', '--stdin-name must not be empty');
  const csv = csvSettingsFrom(parsed.values as CsvFlags);
  if (typeof csv === 'string') return usageError(io, 'score', csv);
  const layout = layoutFrom(parsed.values as CsvFlags) ?? 'wide';
  if (layout !== 'wide' && layout !== 'long') return usageError(io, 'score', layout);
  const lexiconFiles = (parsed.values.lexicon as string[] | undefined)?.map((file) => resolve(io.cwd, file)) ?? BUNDLED_LEXICONS;
  const out = parsed.values.out as string | undefined;
  if (out && (await isOneOf(resolve(io.cwd, out), lexiconFiles))) {
    reportIssues(io, [makeIssue('OUTPUT_WRITE_FAILED', out, '--out is a lexicon file; it is left as it was')]);
    return EXIT.fatal;
  }
  const { scorer, issues: lexiconIssues } = await loadScorer(lexiconFiles);
  if (!scorer) return reportIssues(io, lexiconIssues), EXIT.fatal;
  const { files, issues: findIssues } = await collectFiles(paths, io.cwd);
  if (stdinName !== undefined && files.some((file) => file.id === stdinName)) return usageError(io, 'score', `--stdin-name ${stdinName} is the doc_id of a file being scored`);
  if (out && (await isOneOf(resolve(io.cwd, out), files.map((file) => file.path)))) {
    reportIssues(io, [makeIssue('OUTPUT_WRITE_FAILED', out, '--out is one of the documents being scored; it is left as it was')]);
    return EXIT.fatal;
  }
  const scores = await scoreFiles(files, { scorer, ingest: DEFAULT_INGEST_SETTINGS, concurrency: 0, hasMatches: false });
  const issues = [...lexiconIssues, ...findIssues, ...scores.issues];
  let rows = scores.rows;
  if (readsStdin) {
    const outcome = await scoreStdin(io, scorer, stdinName ?? STDIN_ID);
    if (outcome.result) rows = [...rows, outcome.result.row].sort((a, b) => compareText(a.docId, b.docId));
    issues.push(...(outcome.result ? outcome.result.issues : [outcome.issue]));
  }
  reportIssues(io, issues);
  const options = { hasWholeHits: scorer.hasWholeHits, decimal: csv.decimal };
  const text = layout === 'long'
    ? toCsv(LONG_HEADER, rows.flatMap((row) => longCells(row, scorer.categories, options)), csv)
    : toCsv(scoreHeader(scorer.categories), rows.map((row) => scoreCells(row, scorer.categories, options)), csv);
  if (out) {
    if (!(await writeOutputFile(io, out, text))) return EXIT.fatal;
  } else {
    io.stdout(text);
  }
  return hasErrors(issues) ? EXIT.inputErrors : EXIT.ok;
}

/**
 * A file named on the command line, or standard input named by --stdin-name, is read whatever
 * its extension, but one of a format hsframe does not read (`.zip`, `.rtf`) is refused, not
 * scored as its bytes or markup: the issue that says so, named `id`; undefined for any other.
 */
function unreadableFormat(path: string, id: string): Issue | undefined {
  const extension = extname(path).toLowerCase();
  if (!UNREADABLE_FORMATS.has(extension)) return undefined;
  return makeIssue('FILE_UNREADABLE', id, `${extension} files are not read: hsframe reads plain text, Markdown, HTML, PDF and .docx (convert it to one of these)`, { stage: 'ingest' });
}

/** Score standard input as a file named `name` (its format by the name's extension, plain text without one; refused in a format hsframe does not read), refused over `max_file_bytes` as a file would be. */
async function scoreStdin(io: CliIo, scorer: Scorer, name: string): Promise<DocOutcome> {
  const unreadable = unreadableFormat(name, name);
  if (unreadable) return { issue: unreadable };
  const { maxFileBytes } = DEFAULT_INGEST_SETTINGS;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of io.stdin ?? []) {
      size += chunk.length;
      if (size > maxFileBytes) return { issue: makeIssue('FILE_TOO_LARGE', name, `standard input is over the limit of ${maxFileBytes} bytes (max_file_bytes)`, { stage: 'ingest' }) };
      chunks.push(chunk);
    }
  } catch (error) {
    return { issue: makeIssue('FILE_UNREADABLE', name, `cannot read standard input: ${reasonOf(error)}`, { stage: 'ingest' }) };
  }
  const bytes = Buffer.concat(chunks);
  // A folder given as standard input (`score - < DIR`) reads as nothing.
  if (bytes.length === 0 && io.stdin === process.stdin && isFolder(0)) return { issue: makeIssue('FILE_UNREADABLE', name, 'standard input is a folder, not a file', { stage: 'ingest' }) };
  if (bytes.length === 0) return { issue: makeIssue('FILE_EMPTY', name, 'standard input is empty', { stage: 'ingest' }) };
  return scoreInput(bytes, { id: name, path: name }, { scorer, ingest: DEFAULT_INGEST_SETTINGS, hasMatches: false });
}

/** Files under each PATH, ids made unique and sorted. */
async function collectFiles(paths: readonly string[], cwd: string): Promise<{ files: DocumentFile[]; issues: Issue[] }> {
  const files: DocumentFile[] = [];
  const issues: Issue[] = [];
  for (const path of paths) {
    const root = resolve(cwd, path);
    const found = await findDocuments(root, DEFAULT_INGEST_SETTINGS.extensions);
    const isSingleFolder = paths.length === 1 && !(found.files.length === 1 && found.files[0].path === root);
    // A problem inside a folder is named by its id in that folder; with several paths, ids are relative to the current folder.
    const folder = (await stat(root).catch(() => undefined))?.isDirectory() ? root : dirname(root);
    issues.push(...found.issues.map((issue) => (issue.code === 'PATH_NOT_FOUND' ? { ...issue, file: path } : isSingleFolder ? issue : { ...issue, file: relativeId(cwd, resolve(folder, issue.file)) })));
    if (found.files.length === 0 && folder === root && found.isListed) {
      issues.push(makeIssue('CORPUS_EMPTY', path, `no documents found: no file named *${DEFAULT_INGEST_SETTINGS.extensions.join(', *')}`, { stage: 'ingest' }));
    }
    for (const file of found.files) {
      const id = isSingleFolder ? file.id : relativeId(cwd, file.path);
      const unreadable = unreadableFormat(file.path, id);
      if (unreadable) issues.push(unreadable);
      else files.push({ ...file, id });
    }
  }
  const unique = [...new Map(files.map((file) => [file.path, file])).values()];
  unique.sort((a, b) => compareText(a.id, b.id));
  return { files: unique, issues };
}

function relativeId(cwd: string, path: string): string {
  return relative(cwd, path).split(sep).join('/');
}

/** True when the open file `fd` is a folder. */
function isFolder(fd: number): boolean {
  try {
    return fstatSync(fd).isDirectory();
  } catch {
    return false;
  }
}
