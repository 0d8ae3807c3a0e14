import { DEFAULT_CSV_SETTINGS, type CsvSettings } from '../output/index.js';

/** The CSV format flags, as parsed. */
export interface CsvFlags {
  readonly excel?: boolean;
  readonly delimiter?: string;
  readonly decimal?: string;
  readonly format?: string;
}

/** parseArgs options of the CSV format flags. */
export const CSV_FLAG_OPTIONS = {
  excel: { type: 'boolean' },
  delimiter: { type: 'string' },
  decimal: { type: 'string' },
  format: { type: 'string' },
} as const;

/** Help text for the CSV format flags. */
export const csvOptions = `  --format F          scores layout: wide (a row per document, default) or long
                      (a row per document and category: doc_id, category, hits,
                      per_1k, share, negated_hits)
  --excel             UTF-8 with BOM and CRLF line ends, for Excel
  --delimiter C       field delimiter: , ; | or tab (default ,)
  --decimal C         decimal separator: . or , (default .; , needs another delimiter)
`;

/** CSV settings from the flags, or a message saying what is wrong. */
export function csvSettingsFrom(flags: CsvFlags): CsvSettings | string {
  const delimiter = flags.delimiter === 'tab' || flags.delimiter === '\\t' ? '\t' : (flags.delimiter ?? DEFAULT_CSV_SETTINGS.delimiter);
  if (![',', ';', '|', '\t'].includes(delimiter)) return `--delimiter must be , ; | or tab, got "${flags.delimiter}"`;
  const decimal = flags.decimal ?? DEFAULT_CSV_SETTINGS.decimal;
  if (decimal !== '.' && decimal !== ',') return `--decimal must be . or , got "${flags.decimal}"`;
  if (decimal === ',' && delimiter === ',') return '--decimal , needs another --delimiter (e.g. ";"), or numbers would split into two cells';
  return { delimiter, decimal, recordDelimiter: flags.excel ? '\r\n' : '\n', hasBom: flags.excel === true };
}

/** The scores layout from --format, or a message saying what is wrong. */
export function layoutFrom(flags: CsvFlags): 'wide' | 'long' | undefined | string {
  if (flags.format === undefined || flags.format === 'wide' || flags.format === 'long') return flags.format;
  return `--format must be wide or long, got "${flags.format}"`;
}
