import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareText } from '../compare-text.js';
import type { CompiledLexicon, Issue } from '../document.js';
import { makeIssue, reasonOf } from '../issues.js';
import { parseYaml, yamlText, zodIssues, type YamlSource } from '../yaml-issues.js';
import { checkLexicon } from './check-lexicon.js';
import { codeKey } from './code-key.js';
import { compileLexicon, lexiconOrigin, type LexiconOrigin } from './compile-lexicon.js';
import { addKeptInflectionTable, sortedInflections, type InflectionFile } from './inflect.js';
import { importLiwc, importQuanteda, type ImportedLexicon } from './interop.js';
import { lexiconSchema, type LexiconSpec } from './schema.js';

/** A lexicon file after parsing and checking; `lexicon` is absent when any issue is an error. */
export interface LoadedLexicon {
  readonly spec?: LexiconSpec;
  readonly lexicon?: CompiledLexicon;
  readonly issues: readonly Issue[];
}

/** Read, validate, check and compile one lexicon YAML file (S7). Never throws for bad input. */
export async function loadLexicon(file: string): Promise<LoadedLexicon> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { issues: [makeIssue('LEXICON_UNREADABLE', file, `cannot read lexicon: ${reasonOf(error)}`)] };
  }
  return parseLexicon(file, bytes);
}

/** Lexicons remembered at most (a process that reads many, such as a server, does not grow without bound). */
const MAX_CHECKED = 64;

/** Lexicons read and checked without errors, by file and sha256 of their bytes: their spec and warnings. */
const checked = new Map<string, { readonly spec: LexiconSpec; readonly issues: readonly Issue[] }>();
/** Of those, the ones asked for in this thread (the ones kept), and the ones added from kept text. */
const used = new Set<string>();
const added = new Set<string>();

/**
 * Validate, check and compile a lexicon already in memory: hsframe YAML, a LIWC `.dic`, or a
 * quanteda YAML dictionary (a mapping of categories to term lists). The same file with the same
 * bytes, checked before (in this thread, or kept from an earlier run: `addKeptLexicons`), is
 * compiled from its checked spec without being parsed again.
 */
export function parseLexicon(file: string, bytes: Buffer | string): LoadedLexicon {
  addShippedOnce();
  const origin = lexiconOrigin(file, bytes);
  const id = `${file}\u0000${origin.sha256}`;
  const known = checked.get(id);
  if (known) {
    used.add(id);
    // It compiled when it was checked, under the same code (`codeKey`): its steps can wait until it matches.
    return compiled(file, known.spec, origin, known.issues, { isChecked: true });
  }
  const loaded = readLexicon(file, bytes);
  if (loaded.spec && loaded.lexicon) {
    if (checked.size >= MAX_CHECKED) [checked, used, added].forEach((set) => set.clear());
    checked.set(id, { spec: loaded.spec, issues: loaded.issues });
    used.add(id);
  }
  return loaded;
}

/** Lexicons kept between runs: checked specs and their warnings, and what they were checked with. */
interface LexiconFile {
  readonly key: string;
  readonly lexicons: readonly (readonly [id: string, checked: { readonly spec: LexiconSpec; readonly issues: readonly Issue[] }])[];
}

/**
 * The lexicons asked for in this thread, as text to keep for `addKeptLexicons` (under
 * `codeKey`): kept lexicons that were not asked for (earlier versions of a file) are left out.
 */
export function keptLexicons(): string {
  const lexicons = [...checked].filter(([id]) => used.has(id)).sort(([a], [b]) => compareText(a, b));
  return `${JSON.stringify({ key: codeKey(), lexicons })}\n`;
}

/** True when the lexicons asked for are not exactly those added from kept text: the kept text is then out of date. */
export function keptLexiconsChanged(): boolean {
  return used.size !== added.size || [...used].some((id) => !added.has(id));
}

/**
 * Add lexicons kept as `keptLexicons` wrote them: a file whose bytes are unchanged is then not
 * parsed again. Text under another key, or not in that form, adds nothing. Returns how many
 * lexicons were added.
 */
export function addKeptLexicons(text: string): number {
  try {
    const kept = JSON.parse(text) as LexiconFile;
    if (kept.key !== codeKey() || !Array.isArray(kept.lexicons)) return 0;
    return addChecked(kept.lexicons, (id) => id);
  } catch {
    return 0;
  }
}

/** Add kept lexicons (`LexiconFile.lexicons`), each under the id `idOf` makes of its kept id (with `isKnownKept`, not one checked already); returns how many were added. */
function addChecked(lexicons: readonly unknown[], idOf: (id: string) => string, isKnownKept = false): number {
  let count = 0;
  for (const entry of lexicons) {
    const [id, value] = (Array.isArray(entry) ? entry : []) as [unknown, { spec?: unknown; issues?: unknown } | undefined];
    if (typeof id !== 'string' || (isKnownKept && checked.has(idOf(id)))) continue;
    const spec = lexiconSchema.safeParse(value?.spec);
    if (!spec.success || !isWarnings(value?.issues)) continue;
    checked.set(idOf(id), { spec: spec.data, issues: value.issues });
    added.add(idOf(id));
    count += 1;
  }
  return count;
}

/**
 * What the package ships about its bundled lexicons, beside them (`scripts/kept-lexicons.mjs`
 * writes it): their checked specs, by file name and sha256, and the inflections of their words,
 * under the `codeKey` of the build that worked them out.
 */
export const SHIPPED_KEPT = fileURLToPath(new URL('../../lexicons/kept.json', import.meta.url));

/** The shipped file as `shippedKept` writes it: kept lexicons and kept inflections under one key. */
type ShippedFile = LexiconFile & InflectionFile;

/** Read the shipped file on the first lexicon parsed (false: never, to work everything out afresh). */
let isShippedPending = true;

/**
 * Add what the package ships about its bundled lexicons (`SHIPPED_KEPT`), once per thread: a
 * bundled lexicon whose bytes are unchanged then compiles without being parsed, and its words
 * inflect without loading compromise, from a run's first start (a run's own kept files do the
 * same for any lexicon from its second). An edited lexicon, another build's key or a missing
 * file add nothing: those are worked out as usual.
 */
function addShippedOnce(): void {
  if (!isShippedPending) return;
  isShippedPending = false;
  try {
    const shipped = JSON.parse(readFileSync(SHIPPED_KEPT, 'utf8')) as Partial<ShippedFile>;
    if (shipped.key !== codeKey() || !Array.isArray(shipped.lexicons)) return;
    const dir = dirname(SHIPPED_KEPT);
    // What a run kept itself comes first (it was worked out under the same key, so it is the same unless edited).
    addChecked(shipped.lexicons, (id) => join(dir, id), true);
    addKeptInflectionTable(shipped, true);
  } catch {
    // No shipped file, or not one this build can read: everything is worked out as usual.
  }
}

/** Parse lexicons without the shipped file (call before the first lexicon is parsed), as `shippedKept` must. */
export function ignoreShippedKept(): void {
  isShippedPending = false;
}

/**
 * The shipped file's text for the lexicons `files` (in the folder of `SHIPPED_KEPT`), parsed in
 * this thread after `ignoreShippedKept`: their checked specs, by file name, and the inflections
 * their compiling worked out. Throws for a lexicon that is not in that folder or has any issue
 * (a shipped spec has none to report).
 */
export function shippedKept(files: readonly string[]): string {
  const dir = dirname(SHIPPED_KEPT);
  const lexicons = files.map((file) => {
    if (dirname(file) !== dir) throw new Error(`${file}: a shipped lexicon must be in ${dir}`);
    const id = [...checked.keys()].find((key) => key.startsWith(`${file}\u0000`));
    const value = id === undefined ? undefined : checked.get(id);
    if (!id || !value || value.issues.length > 0) throw new Error(`${file}: not parsed in this thread, or has issues`);
    return [`${basename(file)}${id.slice(file.length)}`, value] as const;
  });
  return `${JSON.stringify({ key: codeKey(), lexicons, inflections: sortedInflections() } satisfies ShippedFile)}\n`;
}

/** True for a list of issues none of which is an error (only lexicons without errors are kept). */
function isWarnings(issues: unknown): issues is Issue[] {
  return Array.isArray(issues) && issues.every((issue: Partial<Issue> | null) => typeof issue?.code === 'string' && typeof issue.message === 'string' && typeof issue.file === 'string' && (issue.severity === 'warning' || issue.severity === 'info'));
}

function readLexicon(file: string, bytes: Buffer | string): LoadedLexicon {
  if (file.toLowerCase().endsWith('.dic')) return compileImported(importLiwc(file, typeof bytes === 'string' ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)), file, bytes);
  const decoded = typeof bytes === 'string' ? { text: bytes } : yamlText(file, bytes, 'LEXICON_UNREADABLE');
  if ('issue' in decoded) return { issues: [decoded.issue] };
  const { text } = decoded;
  const { source, issues: syntaxIssues } = parseYaml(file, text, 'LEXICON_YAML');
  if (!source) return { issues: syntaxIssues };
  if (isQuantedaDictionary(source.value)) return compileImported(importQuanteda(file, text), file, bytes);
  const parsed = lexiconSchema.safeParse(source.value);
  if (!parsed.success) return { issues: zodIssues(source, parsed.error, 'LEXICON_INVALID') };
  const issues = checkLexicon(parsed.data, source);
  if (issues.some((issue) => issue.severity === 'error')) return { spec: parsed.data, issues };
  return compiled(file, parsed.data, lexiconOrigin(file, bytes), issues);
}

/** The parsed YAML of a lexicon in hsframe's own format (not an imported dictionary), to map its entries to lines and columns; undefined otherwise. */
export function lexiconSource(file: string, text: string): YamlSource | undefined {
  if (file.toLowerCase().endsWith('.dic')) return undefined;
  const { source } = parseYaml(file, text, 'LEXICON_YAML');
  return source && !isQuantedaDictionary(source.value) ? source : undefined;
}

/** A checked spec compiled, or the issue that stopped it (a term with too many variants). */
function compiled(file: string, spec: LexiconSpec, origin: LexiconOrigin, issues: readonly Issue[], options: { isChecked?: boolean } = {}): LoadedLexicon {
  try {
    return { spec, lexicon: compileLexicon(spec, origin, options), issues };
  } catch (error) {
    return { spec, issues: [...issues, makeIssue('LEXICON_INVALID', file, `cannot compile: ${reasonOf(error)}`)] };
  }
}

/**
 * A YAML mapping without hsframe's `categories`, whose leaves are lists of terms (a term YAML reads
 * as a number or a boolean, `911`, `yes`, as well: the importer takes it as written), or one term
 * (`economy: econom*`, as R's yaml writes a list of one), unless the mapping has the `name` or
 * `version` of an hsframe lexicon that lacks its categories.
 */
function isQuantedaDictionary(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value) || 'categories' in value) return false;
  const isTerm = (term: unknown) => term === null || typeof term === 'string' || typeof term === 'number' || typeof term === 'boolean';
  const mayBeOneTerm = !('name' in value) && !('version' in value);
  const leaves = (node: unknown): boolean => (Array.isArray(node) ? node.every(isTerm) : !!node && typeof node === 'object' ? Object.values(node).every(leaves) : mayBeOneTerm && node !== null && isTerm(node));
  return leaves(value);
}

function compileImported(imported: ImportedLexicon, file: string, bytes: Buffer | string): LoadedLexicon {
  if (!imported.spec || imported.issues.some((issue) => issue.severity === 'error')) return { issues: imported.issues };
  return compiled(file, imported.spec, lexiconOrigin(file, bytes), imported.issues);
}
