import { isDeepStrictEqual } from 'node:util';
import type { CsvSettings } from '../output/index.js';
import { REPORT_FILE } from './write-report.js';

/** The parts of a run's manifest.json that a merge reads; the rest is carried over as it is. */
export interface RunManifest {
  readonly csv?: CsvSettings | null;
  readonly run_key?: string;
  readonly options?: { readonly shard?: unknown; readonly [option: string]: unknown };
  readonly corpus?: { readonly path?: unknown; readonly files?: unknown; readonly bytes?: unknown; readonly listing_sha256?: unknown };
  readonly counts?: Readonly<Record<string, number>>;
  readonly started_at?: string;
  readonly finished_at?: string;
  readonly outputs?: readonly string[];
  readonly [key: string]: unknown;
}

/**
 * The manifest of merged runs: what they all record (a value they differ on, such as the Node
 * version or the concurrency, becomes null), corpus files and bytes and the counts summed,
 * the earliest start and the latest finish, shard null, and the folders it was merged from.
 */
export function mergeManifests(manifests: readonly RunManifest[], merged: { from: readonly string[]; outputs: readonly string[] }): Record<string, unknown> {
  const agreed = agree(manifests) as Record<string, unknown>;
  const counts: Record<string, number> = {};
  for (const manifest of manifests) for (const [key, value] of Object.entries(manifest.counts ?? {})) counts[key] = (counts[key] ?? 0) + value;
  return {
    ...agreed,
    // report.html is made from the merged scores when any shard wrote one.
    options: { ...(agreed.options as object | undefined), report: merged.outputs.includes(REPORT_FILE), shard: null },
    corpus: { ...(agreed.corpus as object | undefined), files: sumOf(manifests.map((manifest) => manifest.corpus?.files)), bytes: sumOf(manifests.map((manifest) => manifest.corpus?.bytes)) },
    counts,
    started_at: inTimeOrder(manifests.map((manifest) => manifest.started_at))[0],
    finished_at: inTimeOrder(manifests.map((manifest) => manifest.finished_at)).at(-1),
    outputs: merged.outputs,
    merged_from: merged.from,
    merged_at: new Date().toISOString(),
  };
}

/** The value all agree on; where they differ, objects and lists of one length are compared part by part, and any other value becomes null. */
function agree(values: readonly unknown[]): unknown {
  const [first] = values;
  if (values.every((value) => isDeepStrictEqual(value, first))) return first;
  if (values.every(isRecord)) {
    const keys = [...new Set(values.flatMap((value) => Object.keys(value)))];
    return Object.fromEntries(keys.map((key) => [key, agree(values.map((value) => value[key]))]));
  }
  if (Array.isArray(first) && values.every((value) => Array.isArray(value) && value.length === first.length)) {
    return first.map((_, i) => agree(values.map((value) => (value as unknown[])[i])));
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The sum, or null if any value is not a number. */
function sumOf(values: readonly unknown[]): number | null {
  return values.every((value) => typeof value === 'number') ? (values as number[]).reduce((sum, value) => sum + value, 0) : null;
}

/** ISO 8601 times, earliest first (missing ones left out). */
function inTimeOrder(times: readonly (string | undefined)[]): string[] {
  return times.filter((time) => time !== undefined).sort((a, b) => Date.parse(a) - Date.parse(b));
}
