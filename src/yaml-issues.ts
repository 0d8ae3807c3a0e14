import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document } from 'yaml';
import type { z } from 'zod';
import type { Issue } from './document.js';
import { makeIssue, type IssueCode } from './issues.js';

/** A parsed YAML file that can map key paths back to line and column (S14). */
export interface YamlSource {
  readonly file: string;
  readonly value: unknown;
  /** 1-based line and column of the node at `path`, or of its closest existing parent; with `key`, of that key of the mapping at `path`. */
  position(path: readonly PropertyKey[], key?: string): { line: number; column: number };
}

/**
 * The text of a YAML file's bytes, which YAML wants in UTF-8 (a byte order mark is dropped); else
 * the issue (`unreadableCode`) that says what the bytes look like, so the file is not parsed as
 * text it does not hold (UTF-16 would read as one long string, Windows-1252 with U+FFFD in its
 * words).
 */
export function yamlText(file: string, bytes: Uint8Array, unreadableCode: IssueCode): { text: string } | { issue: Issue } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const isUtf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || bytes.includes(0);
    const looks = isUtf16 ? 'UTF-16' : 'Windows-1252 or Latin-1';
    return { issue: makeIssue(unreadableCode, file, `not UTF-8 text (it looks like ${looks}): save it as UTF-8`) };
  }
}

/** Parse YAML text; syntax errors become issues with `syntaxCode`. */
export function parseYaml(file: string, text: string, syntaxCode: IssueCode): { source?: YamlSource; issues: Issue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return makeIssue(syntaxCode, file, `YAML syntax: ${error.message.split('\n')[0]}`, { line, column: col });
    });
    return { issues };
  }
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (error) {
    // Aliases that expand without bound (a "billion laughs" file) are refused by the parser here.
    const reason = error instanceof Error ? error.message : String(error);
    return { issues: [makeIssue(syntaxCode, file, `YAML cannot be read: ${reason}`, { line: 1, column: 1 })] };
  }
  return { source: { file, value, position: (path, key) => (key !== undefined && keyPosition(doc, lineCounter, path, key)) || nodePosition(doc, lineCounter, path) }, issues: [] };
}

function keyPosition(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[], key: string): { line: number; column: number } | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  if (!isMap(node)) return undefined;
  const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  const range = isNode(pair?.key) ? pair.key.range : undefined;
  if (!range) return undefined;
  const { line, col } = lineCounter.linePos(range[0]);
  return { line, column: col };
}

function nodePosition(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return { line: 1, column: 1 };
}

/** Turn zod issues into issues with the YAML position of each key path (S14). */
export function zodIssues(source: YamlSource, error: z.ZodError, code: IssueCode): Issue[] {
  return error.issues.map((zissue) => {
    const path = zissue.path as PropertyKey[];
    // An unknown key is placed at the key itself, not at the mapping that holds it.
    const keys = zissue.code === 'unrecognized_keys' ? zissue.keys : [];
    const { line, column } = source.position(path, keys[0]);
    const where = path.length > 0 ? path.join('.') : '(top level)';
    return makeIssue(code, source.file, `${where}: ${zissue.message}`, { line, column, path: path.join('.') });
  });
}

/** Describe a value for an error message: `"high"`, `3`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  // JSON writes NaN and Infinity (YAML's .nan, .inf, 1e400) as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}

/** A zod error message: `weight must be a number >= 0, got "high"`. */
export function expected(what: string): (issue: { input?: unknown }) => string {
  return (issue) => `${what}, got ${describeValue(issue.input)}`;
}
