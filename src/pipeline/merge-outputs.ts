import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Issue } from '../document.js';
import { makeIssue, reasonOf } from '../issues.js';
import { CsvFileWriter, DEFAULT_CSV_SETTINGS, writeFileAtomic, type CsvSettings } from '../output/index.js';
import { compareText } from '../compare-text.js';

/** The CSV outputs that shards share; each is merged by its first column (doc_id). */
const MERGED = ['scores.csv', 'matches.csv', 'errors.csv'] as const;

interface ShardManifest {
  readonly csv?: CsvSettings | null;
  readonly run_key?: string;
  readonly counts?: Record<string, number>;
  readonly options?: { shard?: string | null };
  readonly lexicons?: unknown;
  readonly tool?: unknown;
}

/**
 * Join the outputs of `hsframe run --shard K/N` runs into the files one run over the whole
 * corpus writes: rows sorted by doc_id (stable, so matches keep their text order). Shards
 * must come from the same tool version, lexicons and CSV format.
 */
export async function mergeOutputs(dirs: readonly string[], outDir: string): Promise<{ issues: Issue[]; rows: number }> {
  const manifests: ShardManifest[] = [];
  for (const dir of dirs) {
    try {
      manifests.push(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as ShardManifest);
    } catch (error) {
      return { issues: [makeIssue('MERGE_INVALID', dir, `not a run output folder (no readable manifest.json): ${reasonOf(error)}`)], rows: 0 };
    }
  }
  const keys = new Set(manifests.map((manifest) => `${manifest.run_key}|${JSON.stringify(manifest.csv ?? DEFAULT_CSV_SETTINGS)}`));
  if (keys.size > 1) return { issues: [makeIssue('MERGE_INVALID', dirs.join(', '), 'the folders come from runs with different tool versions, lexicons or CSV formats; they cannot be merged')], rows: 0 };
  const csv = manifests[0].csv ?? DEFAULT_CSV_SETTINGS;
  let rows = 0;
  const seen = new Map<string, string>();
  for (const name of MERGED) {
    let header: string[] | undefined;
    const records: string[][] = [];
    for (const dir of dirs) {
      const table = parse(await readFile(join(dir, name), 'utf8'), { bom: true, delimiter: csv.delimiter, relax_column_count: false }) as string[][];
      const [head, ...body] = table;
      if (header && head.join('\u0000') !== header.join('\u0000')) return { issues: [makeIssue('MERGE_INVALID', join(dir, name), `columns differ from ${join(dirs[0], name)}`)], rows: 0 };
      header = head;
      if (name === 'scores.csv') {
        for (const record of body) {
          const other = seen.get(record[0]);
          if (other) return { issues: [makeIssue('MERGE_INVALID', dir, `document ${record[0]} is also in ${other}: shards overlap`)], rows: 0 };
          seen.set(record[0], dir);
        }
        rows += body.length;
      }
      records.push(...body);
    }
    // As one run sorts them: by doc_id (stable, keeping matches in text order); errors also by code.
    const byDocId = (a: string[], b: string[]) => compareText(a[0], b[0]) || (name === 'errors.csv' ? compareText(a[2], b[2]) : 0);
    const writer = await CsvFileWriter.open(join(outDir, name), header ?? [], csv);
    await writer.write(records.sort(byDocId));
    await writer.commit();
  }
  const counts: Record<string, number> = {};
  for (const manifest of manifests) for (const [key, value] of Object.entries(manifest.counts ?? {})) counts[key] = (counts[key] ?? 0) + value;
  const merged = { ...manifests[0], options: { ...manifests[0].options, shard: null }, counts, merged_from: dirs, merged_at: new Date().toISOString() };
  await writeFileAtomic(join(outDir, 'manifest.json'), `${JSON.stringify(merged, null, 2)}\n`);
  return { issues: [], rows };
}
