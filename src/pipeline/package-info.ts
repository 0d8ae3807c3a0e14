import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package root (holds package.json, lexicons/ and pipelines/), from src/ or dist/ alike. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** This tool's name and version, as package.json gives them. */
export const TOOL = ((): { name: string; version: string } => {
  const json = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: json.name, version: json.version };
})();

/** The lexicons bundled with the tool, used when no lexicon is named. */
export const BUNDLED_LEXICONS = ['lexicons/security-frames.yaml', 'lexicons/undp-human-security.yaml'].map((file) => fileURLToPath(new URL(`../../${file}`, import.meta.url)));

/** The pipeline `hsframe run` uses when none is named. */
export const DEFAULT_PIPELINE = 'pipelines/eu-migration.yaml';
