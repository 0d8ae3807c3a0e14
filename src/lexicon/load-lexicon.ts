import { readFile } from 'node:fs/promises';
import type { CompiledLexicon, Issue } from '../document.js';
import { makeIssue, reasonOf } from '../issues.js';
import { parseYaml, zodIssues } from '../yaml-issues.js';
import { checkLexicon } from './check-lexicon.js';
import { compileLexicon, lexiconOrigin } from './compile-lexicon.js';
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

/**
 * Validate, check and compile a lexicon already in memory: hsframe YAML, a LIWC `.dic`, or a
 * quanteda YAML dictionary (a mapping of categories to term lists).
 */
export function parseLexicon(file: string, bytes: Buffer | string): LoadedLexicon {
  const text = bytes.toString();
  if (file.toLowerCase().endsWith('.dic')) return compileImported(importLiwc(file, text), file, bytes);
  const { source, issues: syntaxIssues } = parseYaml(file, text, 'LEXICON_YAML');
  if (!source) return { issues: syntaxIssues };
  if (isQuantedaDictionary(source.value)) return compileImported(importQuanteda(file, text), file, bytes);
  const parsed = lexiconSchema.safeParse(source.value);
  if (!parsed.success) return { issues: zodIssues(source, parsed.error, 'LEXICON_INVALID') };
  const issues = checkLexicon(parsed.data, source);
  if (issues.some((issue) => issue.severity === 'error')) return { spec: parsed.data, issues };
  return { spec: parsed.data, lexicon: compileLexicon(parsed.data, lexiconOrigin(file, bytes)), issues };
}

/** A YAML mapping without hsframe's `categories`, whose leaves are lists of terms. */
function isQuantedaDictionary(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value) || 'categories' in value) return false;
  const leaves = (node: unknown): boolean => (Array.isArray(node) ? node.every((term) => typeof term === 'string') : !!node && typeof node === 'object' && Object.values(node).every(leaves));
  return leaves(value);
}

function compileImported(imported: ImportedLexicon, file: string, bytes: Buffer | string): LoadedLexicon {
  if (!imported.spec || imported.issues.some((issue) => issue.severity === 'error')) return { issues: imported.issues };
  return { spec: imported.spec, lexicon: compileLexicon(imported.spec, lexiconOrigin(file, bytes)), issues: imported.issues };
}
