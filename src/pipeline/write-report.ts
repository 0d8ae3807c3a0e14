import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ScoreRow } from '../document.js';
import { UNDP_CATEGORIES } from '../aggregate/index.js';
import { reportHtml, untextCell, writeFileAtomic, type ReportRow } from '../output/index.js';
import { reasonOf } from '../issues.js';

/** A number rounded as scores.csv prints it, so a report from memory equals one rebuilt from the CSV. */
const rounded = (value: number | null | undefined, decimals: number) => (value === null || value === undefined ? null : Number(value.toFixed(decimals)));

/** Report rows from score rows in memory. */
export function reportRowsFromScores(rows: readonly ScoreRow[]): ReportRow[] {
  return rows.map((row) => ({
    docId: row.docId,
    title: row.title,
    tokens: row.tokens,
    statePer1k: rounded(row.per1k.state_centric, 3),
    peoplePer1k: rounded(row.per1k.people_centric, 3),
    framingIndex: rounded(row.framingIndex, 4),
    ciLow: rounded(row.framingCiLow, 4),
    ciHigh: rounded(row.framingCiHigh, 4),
    undp: Object.fromEntries(UNDP_CATEGORIES.map((id) => [id, rounded(row.per1k[id], 3)])),
    hits: Object.fromEntries(Object.entries(row.hits).map(([id, hits]) => [id, rounded(hits, 3) ?? 0])),
  }));
}

/**
 * The header of a scores.csv as a run writes it or a spreadsheet, R or pandas saves it back:
 * after a byte order mark and an unnamed row-names column (`""` or empty) if any, `doc_id`,
 * quoted or not, then the field delimiter.
 */
const SCORES_HEADER = /^\uFEFF?(?:(?:""|)([^\w"\r\n]))?(?:doc_id|"doc_id")([^\w"\r\n])/;

/**
 * The field delimiter of a scores.csv, read from its header (`SCORES_HEADER`): the character
 * after `doc_id`, always the first column's name, whatever delimiter the run wrote it with
 * (a spreadsheet may save it back with `;` or tabs); undefined when the header does not start so.
 */
export function scoresDelimiter(text: string): string | undefined {
  const match = SCORES_HEADER.exec(text);
  if (!match || (match[1] !== undefined && match[1] !== match[2])) return undefined;
  return match[2];
}

/**
 * Report rows from a wide scores.csv in any delimiter (`scoresDelimiter`); where it is not a
 * comma, a number may have a decimal comma, as a European spreadsheet or R's write.csv2 saves
 * it. An error message if it cannot be read as one.
 */
export function reportRowsFromCsv(text: string): ReportRow[] | string {
  const delimiter = scoresDelimiter(text);
  if (delimiter === undefined) return 'scores.csv does not start with the doc_id column, as a run writes it; run hsframe run again to write it';
  let records: Record<string, string>[];
  try {
    records = parse(text, { bom: true, columns: true, delimiter }) as Record<string, string>[];
  } catch (error) {
    return `scores.csv is not a table as a run writes it (${error instanceof Error ? error.message : String(error)}); run hsframe run again to write it`;
  }
  if (records.length > 0 && !('framing_index' in records[0])) return 'scores.csv is not in the wide layout; re-run with --format wide to make a report';
  const categories = records.length > 0 ? Object.keys(records[0]).filter((key) => key.endsWith('_hits') && key !== 'negated_hits').map((key) => key.slice(0, -5)) : [];
  const rows: ReportRow[] = [];
  for (const [index, record] of records.entries()) {
    let bad: string | undefined;
    // An empty cell, or NA as R's write.csv writes one, is a missing value; any other cell must be a number.
    const number = (column: string): number | null => {
      const value = record[column];
      if (value === undefined || value === '' || value === 'NA') return null;
      const parsed = Number(delimiter === ',' ? value : value.replace(',', '.'));
      if (!Number.isFinite(parsed) || value.trim() !== value) bad ??= `row ${index + 1} (${untextCell(record.doc_id)}), column ${column}: "${value}" is not a number`;
      return parsed;
    };
    rows.push({
      docId: untextCell(record.doc_id),
      title: untextCell(record.title),
      tokens: number('tokens') ?? 0,
      statePer1k: number('state_centric_per_1k'),
      peoplePer1k: number('people_centric_per_1k'),
      framingIndex: number('framing_index'),
      ciLow: number('framing_ci_low'),
      ciHigh: number('framing_ci_high'),
      undp: Object.fromEntries(UNDP_CATEGORIES.map((id) => [id, number(`${id}_per_1k`)])),
      hits: Object.fromEntries(categories.map((id) => [id, number(`${id}_hits`) ?? 0])),
    });
    if (bad) return `scores.csv ${bad}; run hsframe run again to write it`;
  }
  return rows;
}

/** The report's file name in a run's output folder. */
export const REPORT_FILE = 'report.html';

/** Write OUT/report.html (atomically) from report rows. */
export async function writeReport(dir: string, rows: readonly ReportRow[], info: { name: string; lexiconVersion: string; categories: readonly string[] }): Promise<string> {
  const path = join(dir, REPORT_FILE);
  const undpCategories = UNDP_CATEGORIES.filter((id) => info.categories.includes(id));
  await writeFileAtomic(path, reportHtml(rows, { ...info, undpCategories, generated: new Date().toISOString() }));
  return path;
}

/** What a report takes from a run's manifest.json. */
interface ReportManifest {
  readonly pipeline?: { readonly name?: string };
  readonly lexicons?: readonly { readonly id: string; readonly version: string; readonly sha256: string }[];
}

/** Build report.html from an existing run's output folder: its scores.csv, and its manifest.json unless `manifest` is given (a merge's, before it is written). */
export async function reportFromOutputs(dir: string, manifest?: ReportManifest): Promise<{ path?: string; problem?: string }> {
  let text: string;
  try {
    manifest ??= JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as ReportManifest;
    text = await readFile(join(dir, 'scores.csv'), 'utf8');
  } catch (error) {
    return { problem: `${dir} has no readable manifest.json and scores.csv (run hsframe run first): ${reasonOf(error)}` };
  }
  const rows = reportRowsFromCsv(text);
  if (typeof rows === 'string') return { problem: rows };
  const lexiconVersion = (manifest.lexicons ?? []).map((lexicon) => `${lexicon.id}@${lexicon.version}:${lexicon.sha256.slice(0, 8)}`).join(';');
  // An empty table still names its categories in its header.
  const header = (parse(text, { bom: true, delimiter: scoresDelimiter(text), to_line: 1 }) as string[][])[0] ?? [];
  const categories = header.filter((column) => column.endsWith('_hits') && column !== 'negated_hits').map((column) => column.slice(0, -5));
  return { path: await writeReport(dir, rows, { name: manifest.pipeline?.name ?? dir, lexiconVersion, categories }) };
}
