import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** A CSV cell before quoting: text (neutralised against formulas), a formatted number, or empty. */
export type Cell = string;

/** How CSV is written. Defaults: RFC 4180, comma, `.` decimals, `\n` line ends, no BOM. */
export interface CsvSettings {
  readonly delimiter: string;
  /** Decimal separator of numbers. */
  readonly decimal: '.' | ',';
  readonly recordDelimiter: '\n' | '\r\n';
  readonly hasBom: boolean;
}

/** Default CSV settings. */
export const DEFAULT_CSV_SETTINGS: CsvSettings = Object.freeze({ delimiter: ',', decimal: '.', recordDelimiter: '\n', hasBom: false });

/**
 * Rows as CSV text without a header, as csv-stringify writes them (it quotes cells holding the
 * delimiter, quotes or line breaks, `stringifyRows`): in the default layout by `defaultCsvRows`, which gives the
 * same bytes faster, in any other by csv-stringify itself.
 */
export function csvRows(rows: readonly (readonly Cell[])[], settings: CsvSettings = DEFAULT_CSV_SETTINGS): string {
  return isDefaultLayout(settings) ? defaultCsvRows(rows) : stringifyRows(rows, settings);
}

/** Rows as CSV text without a header, by csv-stringify, in any settings. */
export function stringifyRows(rows: readonly (readonly Cell[])[], settings: CsvSettings = DEFAULT_CSV_SETTINGS): string {
  return stringify(rows as string[][], {
    delimiter: settings.delimiter,
    record_delimiter: settings.recordDelimiter === '\n' ? 'unix' : 'windows',
    // A line break anywhere is quoted (RFC 4180), whatever ends a record: readers such as Python's csv split the record at a bare carriage return or line feed.
    quoted_match: /^\s|\s$|[\r\n]/,
  });
}

/**
 * A cell `stringifyRows` quotes in the default settings: it holds a comma, a quote, a line feed
 * or a carriage return, or starts or ends with white space.
 */
const NEEDS_QUOTES = /[",\n\r]|^\s|\s$/;

/**
 * Rows as csv-stringify writes them in the default settings, byte for byte, without its
 * per-call set-up and per-cell options: a tenth of the time for a document's rows of matches
 * (a test checks both writers agree on cells with every character that matters).
 */
export function defaultCsvRows(rows: readonly (readonly Cell[])[]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const cell = row[i];
      if (i > 0) out += ',';
      out += NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
    }
    out += '\n';
  }
  return out;
}

/** The one CSV writer (S18): a header and rows of already formatted cells, as one text. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[], settings: CsvSettings = DEFAULT_CSV_SETTINGS): string {
  return `${settings.hasBom ? '\ufeff' : ''}${csvRows([header, ...rows], settings)}`;
}

/** A value a spreadsheet could run as a formula, after any quotes: those quotes are taken for the neutralising quote when read back. */
const FORMULA_START = /^'*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/**
 * A text cell that a spreadsheet will not run as a formula: a value starting with `=`, `+`,
 * `-`, `@`, tab or carriage return gets a leading `'` (OWASP CSV injection guidance). So does
 * such a value after quotes (`'=x` → `''=x`), so that every cell reads back as one value
 * (`untextCell`), and two documents never share a written id.
 */
export function textCell(value: string): Cell {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The value of a text cell: the quote `textCell` puts before a formula-like value removed. */
export function untextCell(cell: Cell): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** A number with fixed decimals, or an empty cell for null. Never `-0`. */
export function numberCell(value: number | null, decimals: number, decimal: '.' | ',' = '.'): Cell {
  if (value === null || !Number.isFinite(value)) return '';
  let text = value.toFixed(decimals);
  if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
  return decimal === '.' ? text : text.replace('.', decimal);
}

/** True when rows in `settings` are written exactly as in the default settings (a BOM is only the file's start). */
export function isDefaultLayout(settings: CsvSettings): boolean {
  return settings.delimiter === ',' && settings.decimal === '.' && settings.recordDelimiter === '\n';
}

/**
 * Rows written by `csvRows` in the default settings, rewritten for `settings`: unchanged when
 * delimiter, decimal and line ends are the defaults; otherwise parsed and written again, with
 * the decimal separator of the cells in `numberColumns` (column indexes) replaced.
 */
export function recodeCsvRows(text: string, settings: CsvSettings, numberColumns: (column: number) => boolean): string {
  if (text === '' || isDefaultLayout(settings)) return text;
  const rows = parse(text) as string[][];
  if (settings.decimal !== '.') for (const row of rows) for (let column = 0; column < row.length; column++) if (numberColumns(column)) row[column] = row[column].replace('.', settings.decimal);
  return csvRows(rows, settings);
}
