import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Issue } from '../document.js';
import { decodeText } from '../ingest/index.js';
import { makeIssue, reasonOf } from '../issues.js';

/** One hand-coded sentence: its id, text and 0/1 labels. */
export interface GoldRow {
  readonly id: string;
  readonly text: string;
  readonly labels: Readonly<Record<string, boolean>>;
}

/** A gold file: rows, and the label columns it has (in file order). */
export interface GoldSet {
  readonly labels: readonly string[];
  readonly rows: readonly GoldRow[];
}

/** A record as csv-parse gives it with `info` and `raw`: its cells, the line it ends on, and its text (with any blank lines before it). */
interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
  readonly raw: string;
}

/**
 * Read a gold CSV with columns `id`, `text` and 0/1 label columns among `knownLabels`. It is
 * decoded as a document's text is (UTF-8, UTF-16, Windows-1252, Windows-1250 or ISO-8859-2 as a spreadsheet saves it), and
 * problems name the line a row starts on.
 */
export async function readGold(file: string, knownLabels: readonly string[]): Promise<{ gold?: GoldSet; issues: Issue[] }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { issues: [makeIssue('GOLD_UNREADABLE', file, `cannot read gold file: ${reasonOf(error)}`)] };
  }
  // Line ends as written: a line separator (U+2028) inside a sentence is text to the CSV, read as a line end when the sentence is scored.
  const decoded = decodeText(bytes, { keepLineEnds: true });
  if ('problem' in decoded) return { issues: [makeIssue('GOLD_INVALID', file, `not a readable CSV: ${decoded.problem}`)] };
  const issues: Issue[] = decoded.warning ? [makeIssue('FILE_MIXED_ENCODING', file, decoded.warning)] : [];
  let parsed: ParsedRecord[];
  try {
    // CR LF read as LF, in a cell too: csv-parse counts a quoted CR LF as two lines, and the lines named in messages would drift.
    parsed = parse(decoded.text.replace(/\r\n/g, '\n'), { skip_empty_lines: true, info: true, raw: true }) as unknown as ParsedRecord[];
  } catch (error) {
    return { issues: [...issues, makeIssue('GOLD_INVALID', file, `not a readable CSV: ${error instanceof Error ? error.message : String(error)}`)] };
  }
  const fail = (message: string, line?: number) => ({ issues: [...issues, makeIssue('GOLD_INVALID', file, message, line === undefined ? {} : { line })] });
  if (parsed.length <= 1) return fail('no rows: a gold CSV needs a header (id, text and 0/1 label columns) and at least one coded sentence');
  const [{ record: header }, ...records] = parsed;
  // Unnamed columns (a spreadsheet's trailing empty ones) are no names to repeat.
  const repeated = header.find((column, index) => column !== '' && header.indexOf(column) !== index);
  if (repeated !== undefined) return fail(`column ${JSON.stringify(repeated)} is in the header twice; each column must be named once`, 1);
  const missing = ['id', 'text'].filter((column) => !header.includes(column));
  if (missing.length > 0) return fail(`missing column(s) ${missing.join(', ')}; a gold CSV needs id, text and 0/1 label columns`);
  const labels = header.filter((column) => knownLabels.includes(column));
  if (labels.length === 0) return fail(`no label column matches a lexicon category (${knownLabels.join(', ')})`);
  const cellsOf = (record: readonly string[]) => Object.fromEntries(header.map((column, index) => [column, record[index]]));
  // A column of 0s and 1s that is no category is most likely a label misspelt ("politcal"): it is named, not silently left out.
  for (const column of header.filter((name) => name !== '' && name !== 'id' && name !== 'text' && !labels.includes(name))) {
    const at = header.indexOf(column);
    if (records.every(({ record }) => record[at] === '0' || record[at] === '1')) {
      issues.push(makeIssue('GOLD_COLUMN_IGNORED', file, `column ${JSON.stringify(column)} holds 0/1 labels but is no lexicon category (${knownLabels.join(', ')}): it is not evaluated`, { line: 1 }));
    }
  }
  const rows: GoldRow[] = [];
  const lineOfId = new Map<string, number>();
  for (const { record, info, raw } of records) {
    const line = startLine(info.lines, raw);
    const cells = cellsOf(record);
    // Errors and subsets are keyed by id: a repeated id would make them ambiguous.
    const earlier = lineOfId.get(cells.id);
    if (earlier !== undefined) {
      issues.push(makeIssue('GOLD_INVALID', file, `line ${line}: id ${JSON.stringify(cells.id)} is already the id of the row on line ${earlier}; ids must be unique`, { line }));
      continue;
    }
    lineOfId.set(cells.id, line);
    const bad = labels.find((label) => cells[label] !== '0' && cells[label] !== '1');
    if (bad) {
      issues.push(makeIssue('GOLD_INVALID', file, `line ${line} (id ${cells.id}): ${bad} must be 0 or 1, got ${JSON.stringify(cells[bad])}`, { line }));
      continue;
    }
    rows.push({ id: cells.id, text: cells.text, labels: Object.fromEntries(labels.map((label) => [label, cells[label] === '1'])) });
  }
  return { gold: { labels, rows }, issues };
}

/** The line a record starts on, from the line it ends on and its text (blank lines before it, which it takes along, left out). */
function startLine(endLine: number, raw: string): number {
  const own = raw.replace(/^\n+/, '').replace(/\n$/, '');
  let breaks = 0;
  for (let at = own.indexOf('\n'); at >= 0; at = own.indexOf('\n', at + 1)) breaks += 1;
  return endLine - breaks;
}
