import { readFile } from 'node:fs/promises';
import type { CompiledLexicon, Issue } from '../document.js';
import { makeIssue } from '../issues.js';
import { parseYaml, zodIssues } from '../yaml-issues.js';
import { checkLexicon } from './check-lexicon.js';
import { compileLexicon } from './compile-lexicon.js';
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
    return { issues: [makeIssue('LEXICON_UNREADABLE', file, `cannot read lexicon: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)] };
  }
  return parseLexicon(file, bytes);
}

/** Validate, check and compile lexicon YAML already in memory. */
export function parseLexicon(file: string, bytes: Buffer | string): LoadedLexicon {
  const { source, issues: syntaxIssues } = parseYaml(file, bytes.toString(), 'LEXICON_YAML');
  if (!source) return { issues: syntaxIssues };
  const parsed = lexiconSchema.safeParse(source.value);
  if (!parsed.success) return { issues: zodIssues(source, parsed.error, 'LEXICON_INVALID') };
  const issues = checkLexicon(parsed.data, source);
  if (issues.some((issue) => issue.severity === 'error')) return { spec: parsed.data, issues };
  return { spec: parsed.data, lexicon: compileLexicon(parsed.data, { file, bytes }), issues };
}
