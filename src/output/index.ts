export { writeFileAtomic } from './atomic-write.js';
export { toCsv, textCell, numberCell, DEFAULT_CSV_SETTINGS, type Cell, type CsvSettings } from './csv.js';
export { scoreHeader, scoreCells } from './score-columns.js';
export { MATCH_HEADER, matchCells, kwic } from './match-rows.js';
export { ERROR_HEADER, errorCells } from './error-rows.js';
