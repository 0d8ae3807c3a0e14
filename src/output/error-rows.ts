import type { Issue } from '../document.js';
import { textCell, type Cell } from './csv.js';
import { compareText } from '../compare-text.js';

/** errors.csv columns, in order. */
export const ERROR_HEADER = ['doc_id', 'stage', 'code', 'severity', 'message'] as const;

/** One errors.csv row per issue, sorted by document id, then code. */
export function errorCells(issues: readonly Issue[]): Cell[][] {
  return [...issues]
    .sort((a, b) => compareText(a.file, b.file) || compareText(a.code, b.code))
    .map((issue) => [textCell(issue.file), issue.stage ?? '', issue.code, issue.severity, textCell(issue.message)]);
}
