import { expect, test } from 'vitest';
import { reportRowsFromCsv, scoresDelimiter } from '../../src/pipeline/index.js';

const HEADER = ['doc_id', 'title', 'tokens', 'state_centric_hits', 'people_centric_hits', 'state_centric_per_1k', 'people_centric_per_1k', 'framing_index', 'framing_ci_low', 'framing_ci_high', 'food_per_1k'];
const ROWS = [
  ['a.txt', 'Borders, and people', '1200', '3', '5', '2.500', '4.167', '0.2500', '-0.3333', '0.7000', '0.833'],
  ['b.txt', 'Empty', '0', '', '', '', '', '', '', '', ''],
];

/** scores.csv as a spreadsheet, R or pandas may save it back. */
function saved({ delimiter = ',', decimal = '.', quoteAll = false, rowNames = '', bom = false, lineEnd = '\n' } = {}): string {
  const cell = (text: string, isName = false) => {
    const value = !isName && /^-?\d+\.\d+$/.test(text) ? text.replace('.', decimal) : text;
    return quoteAll || value.includes(delimiter) ? `"${value}"` : value;
  };
  const lines = [
    [...(rowNames === '' ? [] : [rowNames]), ...HEADER.map((name) => cell(name, true))],
    ...ROWS.map((row, index) => [...(rowNames === '' ? [] : [cell(String(index + 1), true)]), ...row.map((text) => cell(text))]),
  ];
  return `${bom ? '\uFEFF' : ''}${lines.map((line) => line.join(delimiter)).join(lineEnd)}${lineEnd}`;
}

const AS_WRITTEN = reportRowsFromCsv(saved());

test('the rows of a scores.csv as a run writes it', () => {
  expect(AS_WRITTEN).toMatchObject([
    { docId: 'a.txt', title: 'Borders, and people', tokens: 1200, statePer1k: 2.5, peoplePer1k: 4.167, framingIndex: 0.25, ciLow: -0.3333, ciHigh: 0.7, undp: { food: 0.833 }, hits: { state_centric: 3, people_centric: 5 } },
    { docId: 'b.txt', tokens: 0, statePer1k: null, framingIndex: null, hits: { state_centric: 0, people_centric: 0 } },
  ]);
});

test.for([
  ['semicolons and decimal commas (a European spreadsheet, R write.csv2), with BOM and CRLF', { delimiter: ';', decimal: ',', bom: true, lineEnd: '\r\n' }, ';'],
  ['semicolons and decimal points', { delimiter: ';' }, ';'],
  ['tabs', { delimiter: '\t' }, '\t'],
  ['tabs and decimal commas', { delimiter: '\t', decimal: ',' }, '\t'],
  ['bars and decimal commas', { delimiter: '|', decimal: ',' }, '|'],
  ['every cell quoted (R write.csv, row.names = FALSE)', { quoteAll: true }, ','],
  ['a row-names column first (R write.csv)', { quoteAll: true, rowNames: '""' }, ','],
  ['a row-names column, semicolons and decimal commas (R write.csv2)', { delimiter: ';', decimal: ',', quoteAll: true, rowNames: '""' }, ';'],
] as const)('scores.csv saved back with %s: the same rows', ([, settings, delimiter]) => {
  const text = saved(settings);
  expect(scoresDelimiter(text)).toBe(delimiter);
  expect(reportRowsFromCsv(text)).toEqual(AS_WRITTEN);
});

test('an unnamed index column first (pandas to_csv): the same rows', () => {
  const text = saved().split('\n').map((line, index) => (line === '' ? line : `${index === 0 ? '' : index - 1},${line}`)).join('\n');
  expect(text.startsWith(',doc_id,title')).toBe(true);
  expect(reportRowsFromCsv(text)).toEqual(AS_WRITTEN);
});

test.for([
  ['a cell that is no number', saved({ delimiter: ';', decimal: ',' }).replace('4,167', 'abc'), 'scores.csv row 1 (a.txt), column people_centric_per_1k: "abc" is not a number; run hsframe run again to write it'],
  ['a decimal comma where commas delimit', saved({ quoteAll: true }).replace('"4.167"', '"4,167"'), 'scores.csv row 1 (a.txt), column people_centric_per_1k: "4,167" is not a number; run hsframe run again to write it'],
  ['a thousands separator and a decimal comma', saved({ delimiter: ';', decimal: ',' }).replace('4,167', '1.004,167'), 'scores.csv row 1 (a.txt), column people_centric_per_1k: "1.004,167" is not a number; run hsframe run again to write it'],
  ['a header that does not start with doc_id', saved().replace('doc_id', 'id'), 'scores.csv does not start with the doc_id column, as a run writes it; run hsframe run again to write it'],
  ['the long layout', 'doc_id;category;hits\na.txt;food;1\n', 'scores.csv is not in the wide layout; re-run with --format wide to make a report'],
] as const)('refused: %s', ([, text, problem]) => {
  expect(reportRowsFromCsv(text)).toBe(problem);
});
