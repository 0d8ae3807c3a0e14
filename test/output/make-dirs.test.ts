import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { makeDirs } from '../../src/output/index.js';

describe('makeDirs', () => {
  const root = mkdtempSync(join(tmpdir(), 'hsframe-make-dirs-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('makes a folder and the parents it lacks; a folder already there is kept', () => {
    const deep = join(root, 'a', 'b', 'c');
    makeDirs(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(() => makeDirs(deep)).not.toThrow();
    expect(() => makeDirs(join(root, 'a'))).not.toThrow();
  });

  test('a regular file in the way is an error, not a folder', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    expect(() => makeDirs(file)).toThrow(/EEXIST/);
    expect(() => makeDirs(join(file, 'below'))).toThrow(/ENOTDIR/);
  });

  // Node's recursive mkdir never returns here: /proc exists and answers ENOENT for anything new.
  test.skipIf(!existsSync('/proc/self'))('a parent that refuses new entries gives its error at once', () => {
    expect(() => makeDirs('/proc/hsframe-no-such-folder/out')).toThrow(/ENOENT/);
  });
});
