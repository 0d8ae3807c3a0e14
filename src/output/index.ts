export { writeFileAtomic, writeFileAtomicSync } from './atomic-write.js';
export { CsvFileWriter, discard, publish, TEMP_SUFFIX, tempPathFor, writePending, type PendingFile } from './csv-file-writer.js';
export { toCsv, csvRows, defaultCsvRows, stringifyRows, recodeCsvRows, isDefaultLayout, textCell, untextCell, numberCell, DEFAULT_CSV_SETTINGS, type Cell, type CsvSettings } from './csv.js';
export { scoreHeader, scoreCells } from './score-columns.js';
export { MATCH_HEADER, matchRows, matchCells, parseMatchRows, kwic, flatten, type MatchRow } from './match-rows.js';
export { ERROR_HEADER, errorCells } from './error-rows.js';
export { segmentHeader, segmentRows, segmentCells, type SegmentRow, type SegmentKind } from './segment-rows.js';
export { LONG_HEADER, longCells } from './long-rows.js';
export { reportHtml, REPORT_COLOURS, type ReportRow, type ReportInfo } from './report-html.js';
