import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ISSUE_CODES } from '../src/issues.js';

test('README lists every issue code, with the severity it has, and no code that does not exist', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Issue codes'), readme.indexOf('## scores.csv'));
  const listed = new Map<string, string>();
  for (const [, codes, severity] of section.matchAll(/^\| (`[A-Z_0-9]+`(?:, `[A-Z_0-9]+`)*) \| ([a-z ]+) \|/gm)) {
    for (const [, code] of codes.matchAll(/`([A-Z_0-9]+)`/g)) listed.set(code, severity);
  }
  expect([...listed.keys()].sort()).toEqual(Object.keys(ISSUE_CODES).sort());
  // A code's own severity comes first ("error or warning": its checks may report it lower).
  for (const [code, severity] of listed) expect(severity.split(' or ')[0], code).toBe(ISSUE_CODES[code as keyof typeof ISSUE_CODES]);
});
