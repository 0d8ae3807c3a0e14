import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Issue } from '../document.js';
import { CsvFileWriter, DEFAULT_CSV_SETTINGS, ERROR_HEADER, errorCells, MATCH_HEADER, matchCells, scoreCells, scoreHeader, writeFileAtomic, type CsvSettings } from '../output/index.js';
import type { FragmentStore } from './fragment-store.js';
import type { FilesScored } from './score-files.js';
import type { Scorer } from './scorer.js';

/** Everything the output files are made from. */
export interface RunOutputs {
  readonly dir: string;
  readonly stateDir: string;
  readonly scorer: Scorer;
  readonly scored: FilesScored;
  readonly store: FragmentStore;
  readonly issues: readonly Issue[];
  readonly manifest: object;
  readonly csv?: CsvSettings;
  readonly runKey: string;
}

const BATCH = 500;

/**
 * Write scores.csv, matches.csv, errors.csv and manifest.json, each atomically. scores.csv
 * and matches.csv are not rewritten when nothing that makes them has changed since the
 * last run (same documents, contents, lexicons, options and format).
 */
export async function writeOutputs(outputs: RunOutputs): Promise<{ isUnchanged: boolean }> {
  const { dir, scorer, scored, store, csv = DEFAULT_CSV_SETTINGS } = outputs;
  const digestFile = join(outputs.stateDir, 'outputs.json');
  const digest = createHash('sha256').update(JSON.stringify([outputs.runKey, csv, scored.ids.map((id) => [id, scored.contentHashes.get(id)])])).digest('hex');
  const isUnchanged = (await readDigest(digestFile)) === digest && (await exists(join(dir, 'scores.csv'))) && (await exists(join(dir, 'matches.csv')));
  if (!isUnchanged) {
    const scores = await CsvFileWriter.open(join(dir, 'scores.csv'), scoreHeader(scorer.categories), csv);
    const matches = await CsvFileWriter.open(join(dir, 'matches.csv'), MATCH_HEADER, csv);
    try {
      const options = { hasWholeHits: scorer.hasWholeHits, decimal: csv.decimal };
      await scores.write(scored.rows.map((row) => scoreCells(row, scorer.categories, options)));
      for (let from = 0; from < scored.ids.length; from += BATCH) {
        const batch = await Promise.all(scored.ids.slice(from, from + BATCH).map((id) => store.read(id, scored.contentHashes.get(id)!)));
        await matches.write(batch.flatMap((result) => (result ? result.matches.map((row) => matchCells(row, csv.decimal)) : [])));
      }
    } catch (error) {
      await Promise.all([scores.abort(), matches.abort()]);
      throw error;
    }
    await scores.commit();
    await matches.commit();
  }
  const errors = await CsvFileWriter.open(join(dir, 'errors.csv'), ERROR_HEADER, csv);
  await errors.write(errorCells(outputs.issues));
  await errors.commit();
  await writeFileAtomic(join(dir, 'manifest.json'), `${JSON.stringify(outputs.manifest, null, 2)}\n`);
  if (!isUnchanged) await writeFileAtomic(digestFile, JSON.stringify({ digest }));
  return { isUnchanged };
}

async function readDigest(file: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(file, 'utf8')) as { digest?: string }).digest;
  } catch {
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}
