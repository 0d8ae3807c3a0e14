import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Issue } from '../document.js';
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

/** Read a gold CSV with columns `id`, `text` and 0/1 label columns among `knownLabels`. */
export async function readGold(file: string, knownLabels: readonly string[]): Promise<{ gold?: GoldSet; issues: Issue[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { issues: [makeIssue('GOLD_UNREADABLE', file, `cannot read gold file: ${reasonOf(error)}`)] };
  }
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  } catch (error) {
    return { issues: [makeIssue('GOLD_INVALID', file, `not a readable CSV: ${error instanceof Error ? error.message : String(error)}`)] };
  }
  if (records.length === 0) return { issues: [makeIssue('GOLD_INVALID', file, 'no rows: a gold CSV needs a header (id, text and 0/1 label columns) and at least one coded sentence')] };
  const header = Object.keys(records[0]);
  const missing = ['id', 'text'].filter((column) => !header.includes(column));
  if (missing.length > 0) return { issues: [makeIssue('GOLD_INVALID', file, `missing column(s) ${missing.join(', ')}; a gold CSV needs id, text and 0/1 label columns`)] };
  const labels = header.filter((column) => knownLabels.includes(column));
  if (labels.length === 0) return { issues: [makeIssue('GOLD_INVALID', file, `no label column matches a lexicon category (${knownLabels.join(', ')})`)] };
  const issues: Issue[] = [];
  const rows: GoldRow[] = [];
  const lineOfId = new Map<string, number>();
  records.forEach((record, index) => {
    // Errors and subsets are keyed by id: a repeated id would make them ambiguous.
    const earlier = lineOfId.get(record.id);
    if (earlier !== undefined) {
      issues.push(makeIssue('GOLD_INVALID', file, `row ${index + 2}: id ${JSON.stringify(record.id)} is already the id of row ${earlier}; ids must be unique`, { line: index + 2 }));
      return;
    }
    lineOfId.set(record.id, index + 2);
    const bad = labels.find((label) => record[label] !== '0' && record[label] !== '1');
    if (bad) {
      issues.push(makeIssue('GOLD_INVALID', file, `row ${index + 2} (id ${record.id}): ${bad} must be 0 or 1, got ${JSON.stringify(record[bad])}`, { line: index + 2 }));
      return;
    }
    rows.push({ id: record.id, text: record.text, labels: Object.fromEntries(labels.map((label) => [label, record[label] === '1'])) });
  });
  return { gold: { labels, rows }, issues };
}
