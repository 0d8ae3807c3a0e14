import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUNDLED_LEXICONS } from '../src/index.js';

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

describe('CHANGELOG.md', () => {
  it('opens with the version the package declares and the bundled lexicons\' versions', () => {
    const pkg = JSON.parse(read('package.json')) as { version: string };
    const newest = read('CHANGELOG.md').match(/^## (.+)$/m)?.[1];
    const lexicons = BUNDLED_LEXICONS.map((file) => parse(readFileSync(file, 'utf8')) as { name: string; version: string });
    expect(newest).toBe([`hsframe ${pkg.version}`, ...lexicons.map(({ name, version }) => `${name} ${version}`)].join(', '));
  });
});
