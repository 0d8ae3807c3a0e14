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
 * delimiter, quotes or line breaks, `stringifyRows`), byte for byte, without its per-call set-up
 * and per-cell options (a test checks the two agree on cells with every character that matters,
 * in every layout; BENCHMARKS.md, "Choices measured": rewriting a run's tables in another layout).
 */
export function csvRows(rows: readonly (readonly Cell[])[], settings: CsvSettings = DEFAULT_CSV_SETTINGS): string {
  return isDefaultLayout(settings) ? defaultCsvRows(rows) : rowsWith(rows, settings.delimiter, settings.recordDelimiter, needsQuotesWith(settings.delimiter));
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
 * A cell `stringifyRows` quotes with this delimiter: it holds the delimiter, a quote, a line feed
 * or a carriage return, or starts or ends with white space.
 */
function needsQuotesWith(delimiter: string): RegExp {
  let needsQuotes = NEEDS_QUOTES_BY_DELIMITER.get(delimiter);
  if (needsQuotes === undefined) {
    needsQuotes = new RegExp(`["${delimiter.replace(/[\\\]^-]/g, '\\$&')}\n\r]|^\\s|\\s$`);
    NEEDS_QUOTES_BY_DELIMITER.set(delimiter, needsQuotes);
  }
  return needsQuotes;
}

const NEEDS_QUOTES_BY_DELIMITER = new Map<string, RegExp>();
/** `needsQuotesWith` the default delimiter. */
const NEEDS_QUOTES = needsQuotesWith(',');

/** A cell as `defaultCsvRows` writes it: quoted, its quotes doubled, where `stringifyRows` quotes it. */
export function csvCell(cell: Cell): string {
  return quotedWhere(cell, NEEDS_QUOTES);
}

/** `cell` quoted, its quotes doubled, where `needsQuotes` says. */
function quotedWhere(cell: Cell, needsQuotes: RegExp): string {
  return needsQuotes.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Rows as csv-stringify writes them in the default settings (`csvRows`). */
export function defaultCsvRows(rows: readonly (readonly Cell[])[]): string {
  return rowsWith(rows, ',', '\n', NEEDS_QUOTES);
}

/** Rows with `delimiter` between cells and `recordDelimiter` after each, a cell quoted where `needsQuotes` says, its quotes doubled. */
function rowsWith(rows: readonly (readonly Cell[])[], delimiter: string, recordDelimiter: string, needsQuotes: RegExp): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (i > 0) out += delimiter;
      out += quotedWhere(row[i], needsQuotes);
    }
    out += recordDelimiter;
  }
  return out;
}

/** Rows `csvBytes` renders as one string at a time. */
const CHUNK_ROWS = 4096;

/** UTF-8 text in parts, in order (e.g. the rows of a table, written with one call). */
export type TextParts = readonly Uint8Array[];

/**
 * `count` rows as UTF-8 CSV text in the default settings (`defaultCsvRows`, no header), made a
 * part of rows at a time (`cellsOf(from, to)` gives the cells of rows `from` to `to`, end
 * exclusive). Neither every row's cells nor the whole text as one string are held at once, nor
 * copied into one buffer: a document with a million matches needs their bytes, outside the
 * JavaScript heap, and about a part's worth of the heap.
 */
export function csvBytes(count: number, cellsOf: (from: number, to: number) => readonly (readonly Cell[])[]): TextParts {
  const parts: Buffer[] = [];
  for (let from = 0; from < count; from += CHUNK_ROWS) parts.push(Buffer.from(defaultCsvRows(cellsOf(from, Math.min(count, from + CHUNK_ROWS)))));
  return parts;
}

/** Bytes of text in parts. */
export function partsBytes(parts: TextParts): number {
  return parts.reduce((sum, part) => sum + part.byteLength, 0);
}

/** The one CSV writer (S18): a header and rows of already formatted cells, as one text (a table written whole: by csv-stringify in other settings than the default; the run's tables go row by row, `csvRows`). */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[], settings: CsvSettings = DEFAULT_CSV_SETTINGS): string {
  const table = [header, ...rows];
  return `${settings.hasBom ? '\ufeff' : ''}${isDefaultLayout(settings) ? defaultCsvRows(table) : stringifyRows(table, settings)}`;
}

/** What starts a formula in a spreadsheet: `=`, `+`, `-`, `@`, tab, carriage return, and the full-width `＝`, `＋`, `－`, `＠`. */
const FORMULA_CHARS = '=+-@\t\r\uff1d\uff0b\uff0d\uff20';
/** A value that gets the neutralising quote: one a spreadsheet could run as a formula, or one that starts with a quote (which a spreadsheet may drop, and which a reader takes for the neutralising quote). */
const FORMULA_START = new RegExp(`^['${FORMULA_CHARS.replace('-', '\\-')}]`);
/** The char codes a value that matches `FORMULA_START` can start with. */
const FORMULA_START_CODES = new Set([0x27, ...[...FORMULA_CHARS].map((char) => char.charCodeAt(0))]);

/**
 * A text cell that a spreadsheet will not run as a formula: a value starting with `=`, `+`,
 * `-`, `@`, tab or carriage return gets a leading `'` (OWASP CSV injection guidance). So does
 * a value starting with a quote (`'x` → `''x`): every cell that starts with a quote has had one
 * put before it, which a reader (`untextCell`) or a spreadsheet that drops a leading quote
 * takes off, and two documents never share a written id.
 */
export function textCell(value: string): Cell {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** False when no value that starts with this char code matches `FORMULA_START` (`textCell` leaves it as it is). */
export function mayStartFormula(code: number): boolean {
  return FORMULA_START_CODES.has(code);
}

/** The value of a text cell: the quote `textCell` puts before a value removed. */
export function untextCell(cell: Cell): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

/**
 * A number with fixed decimals, rounded half away from zero, or an empty cell for null. Never
 * `-0`. A figure whose exact value is a tie (0.0625 to 3 decimals, −0.90625 to 4) rounds away
 * from zero even where its double is a hair nearer zero (0.0025 is stored as a little more,
 * 0.0035 as a little less): within a few units of the double's last place of the tie, it is
 * taken as the tie. The figures written are ratios of whole numbers far smaller than that
 * precision can tell apart from a tie, so none is moved that is not one.
 */
export function numberCell(value: number | null, decimals: number, decimal: '.' | ',' = '.'): Cell {
  if (value === null || !Number.isFinite(value)) return '';
  let text = roundedText(value, decimals);
  if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
  return decimal === '.' ? text : text.replace('.', decimal);
}

/** `value.toFixed(decimals)`, but a value a hair short of a tie rounds away from zero as the tie does. */
function roundedText(value: number, decimals: number): string {
  const scaled = Math.abs(value) * 10 ** decimals;
  const shortOfTie = 0.5 - (scaled - Math.floor(scaled));
  if (shortOfTie < 0 || shortOfTie > scaled * 1e-15) return value.toFixed(decimals);
  return (Math.sign(value) * ((Math.floor(scaled) + 1) / 10 ** decimals)).toFixed(decimals);
}

/** True when rows in `settings` are written exactly as in the default settings (a BOM is only the file's start). */
export function isDefaultLayout(settings: CsvSettings): boolean {
  return settings.delimiter === ',' && settings.decimal === '.' && settings.recordDelimiter === '\n';
}

/** Bytes of rows `recodeCsvParts` recodes as one string at a time (a slice ends at the first record end past them). */
const RECODE_BYTES = 1 << 20;

/**
 * Rows written by `csvRows` in the default settings, as UTF-8 bytes, rewritten for `settings`
 * (`recodeCsvRows`) a slice of whole records at a time: a document's hundreds of thousands of
 * matches are never parsed into cells, nor written out as text, all at once.
 */
export function* recodeCsvParts(bytes: Uint8Array, settings: CsvSettings, numberColumns: (column: number) => boolean): Generator<string | Uint8Array> {
  if (isDefaultLayout(settings)) {
    if (bytes.length > 0) yield bytes;
    return;
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let from = 0; from < text.length; ) {
    const to = recordEnd(text, from, from + RECODE_BYTES);
    yield recodeCsvRows(text.toString('utf8', from, to), settings, numberColumns);
    from = to;
  }
}

/** Where the first record ending at `at` or later ends (after its line feed), from a record starting at `from`; the end of `bytes` if none does. */
function recordEnd(bytes: Uint8Array, from: number, at: number): number {
  const state = { scan: from, isQuoted: false, cells: 1 };
  for (;;) {
    const end = scanRecord(bytes, COMMA, state);
    if (end < 0) return bytes.length;
    if (end >= at) return end;
  }
}

/** Where `scanRecord` is in a record: the next byte to read, whether inside quotes, the cells so far. */
export interface RecordScan {
  scan: number;
  isQuoted: boolean;
  cells: number;
}

/**
 * Scan CSV bytes from `state.scan` for the end of a record: after its line feed outside quotes
 * (RFC 4180 doubles a quote inside a quoted cell, so a doubled one closes and opens again),
 * counting its cells by `delimiter` (a char code) into `state`. Returns that end (`state.scan`
 * is there, the next record's start), or -1 if the bytes end first (`state` then says where the
 * scan stopped, to go on from there once more bytes are read).
 */
export function scanRecord(bytes: Uint8Array, delimiter: number, state: RecordScan): number {
  let { scan, isQuoted, cells } = state;
  const length = bytes.length;
  let end = -1;
  while (scan < length) {
    if (isQuoted) {
      // Inside quotes only a quote matters.
      const quote = bytes.indexOf(QUOTE, scan);
      if (quote < 0) scan = length;
      else {
        scan = quote + 1;
        isQuoted = false;
      }
      continue;
    }
    const byte = bytes[scan++];
    if (byte === QUOTE) isQuoted = true;
    else if (byte === delimiter) cells += 1;
    else if (byte === LINE_FEED) {
      end = scan;
      break;
    }
  }
  state.scan = scan;
  state.isQuoted = isQuoted;
  state.cells = cells;
  return end;
}

const [QUOTE, LINE_FEED] = [0x22, 0x0a];
const [COMMA, CARRIAGE_RETURN] = [0x2c, 0x0d];

/**
 * The cells of rows written by `csvRows` in the default settings (comma, line feed; a cell with a
 * comma, quote, line break or edge space quoted, its quotes doubled), read without csv-parse's
 * generality: about twenty times faster on the rows of matches.csv, which a lint of a whole
 * corpus reads by the million. Throws on a quote that is not closed.
 */
export function parseDefaultCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  const length = text.length;
  for (let at = 0; at < length; ) {
    let cell: string;
    if (text.charCodeAt(at) === QUOTE) {
      cell = '';
      for (let from = at + 1; ; ) {
        const quote = text.indexOf('"', from);
        if (quote < 0) throw new Error(`a quote that is not closed, at character ${at}`);
        cell += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) !== QUOTE) {
          at = quote + 1;
          break;
        }
        cell += '"';
        from = quote + 2;
      }
    } else {
      let end = at;
      for (let code = text.charCodeAt(end); end < length && code !== COMMA && code !== LINE_FEED && code !== CARRIAGE_RETURN; code = text.charCodeAt(++end));
      cell = text.slice(at, end);
      at = end;
    }
    row.push(cell);
    const code = text.charCodeAt(at);
    if (code === COMMA) {
      at += 1;
      // A comma at the very end leaves an empty last cell, and ends the row.
      if (at === length) rows.push([...row, '']);
      continue;
    }
    at += code === CARRIAGE_RETURN && text.charCodeAt(at + 1) === LINE_FEED ? 2 : 1;
    rows.push(row);
    row = [];
  }
  return rows;
}

/**
 * Rows written by `csvRows` in the default settings, rewritten for `settings`: unchanged when
 * delimiter, decimal and line ends are the defaults; otherwise parsed and written again, with
 * the decimal separator of the cells in `numberColumns` (column indexes) replaced.
 */
export function recodeCsvRows(text: string, settings: CsvSettings, numberColumns: (column: number) => boolean): string {
  if (text === '' || isDefaultLayout(settings)) return text;
  const rows = parseDefaultCsv(text);
  if (settings.decimal !== '.') for (const row of rows) for (let column = 0; column < row.length; column++) if (numberColumns(column)) row[column] = row[column].replace('.', settings.decimal);
  return csvRows(rows, settings);
}
