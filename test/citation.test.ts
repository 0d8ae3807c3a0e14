import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');

describe('licence and citation', () => {
  const pkg = JSON.parse(read('package.json')) as { version: string; license: string };
  const citation = read('CITATION.cff');

  it('cites the version and licence the package declares', () => {
    expect(citation).toMatch(new RegExp(`^version: ${pkg.version.replace(/\./g, '\\.')}$`, 'm'));
    expect(citation).toMatch(new RegExp(`^license: ${pkg.license}$`, 'm'));
  });

  it('ships the licence text the package names', () => {
    expect(pkg.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License\n/);
  });
});
