import { expect, test } from 'vitest';
import { formatIssue } from '../../src/cli/io.js';
import { makeIssue } from '../../src/issues.js';

test('an issue is one line of standard error, whatever its file name or message holds', () => {
  const issue = makeIssue('FILE_CORRUPT', 'bad\nFILE_UNREADABLE.txt', 'cannot read the .docx: bad XML\n@#[line:undefined]\tat\r\u001b[31m', { stage: 'ingest' });
  expect(formatIssue(issue)).toBe('bad\\nFILE_UNREADABLE.txt  FILE_CORRUPT  cannot read the .docx: bad XML\\n@#[line:undefined]\\tat\\r\\x1b[31m');
  expect(formatIssue(makeIssue('LANGUAGE_NOT_SCORED', 'a/b.txt', 'read as fr'))).toBe('a/b.txt  LANGUAGE_NOT_SCORED  warning: read as fr');
});
