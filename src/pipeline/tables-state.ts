import { createHash } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isSameStamp, stampOf, type FileStamp } from '../ingest/index.js';
import { writeFileAtomic } from '../output/index.js';

/** Shape of `outputs.json`; a state of another format (or none) makes the tables be rewritten. */
const FORMAT = 3;
/** File in the state folder that records the tables the last run wrote. */
const STATE_FILE = 'outputs.json';
/** File in the state folder that records where each document's rows are in those tables (apart: an unchanged re-run need not read it). */
const ROWS_FILE = 'table-rows.json';

/**
 * Where each document's rows are in the tables the last run wrote: what every row depends on
 * besides its document (`settings`), each table's header bytes, and for each document in
 * order its id, content hash and bytes of rows in each table (in the order of the tables' names).
 */
export interface TableRows {
  readonly settings: string;
  readonly headers: readonly number[];
  readonly docs: readonly (readonly [id: string, sha256: string, ...bytes: number[]])[];
}

/** The tables the last run wrote: what they were made from (`digest`), each file's stamp by name, and the sha256 of the text of `ROWS_FILE` written with them (a record changed since, or left from another run, is not used). */
interface TablesState {
  readonly format: number;
  readonly digest: string;
  readonly files: Readonly<Record<string, FileStamp>>;
  readonly rowsDigest?: string;
}

/** A document's rows in the last run's tables: its content hash, and where its rows start and how many bytes they take in each table. */
export interface PreviousRows {
  readonly sha256: string;
  readonly starts: readonly number[];
  readonly bytes: readonly number[];
}

/** The last run's tables, still as it wrote them, and each of their documents' rows by id. */
export interface PreviousTables {
  readonly paths: readonly string[];
  readonly docs: ReadonlyMap<string, PreviousRows>;
}

/**
 * Whether the tables `names` in `dir` are still what the last run wrote from `digest`: the
 * state records that digest, and each file has the size and modification time recorded when
 * it was written. Files are not read, so the check costs the same at any corpus size.
 */
export async function areTablesCurrent(stateDir: string, dir: string, digest: string, names: readonly string[]): Promise<boolean> {
  const state = await readTablesState(stateDir);
  if (state?.format !== FORMAT || state.digest !== digest) return false;
  return hasStamps(state, dir, names);
}

/**
 * The last run's tables `names` in `dir`, when their rows were made with the same `settings`
 * and each file still has the size and modification time recorded when it was written (and the
 * size its rows add up to): their documents' rows can be copied from them. Undefined otherwise.
 */
export async function previousTables(stateDir: string, dir: string, settings: string, names: readonly string[]): Promise<PreviousTables | undefined> {
  const state = await readTablesState(stateDir);
  if (state?.format !== FORMAT || state.rowsDigest === undefined) return undefined;
  const text = await readFile(join(stateDir, ROWS_FILE), 'utf8').catch(() => undefined);
  if (text === undefined || digestOf(text) !== state.rowsDigest) return undefined;
  let rows: Partial<TableRows> | null;
  try {
    rows = JSON.parse(text) as Partial<TableRows> | null;
  } catch {
    return undefined;
  }
  const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
  if (rows?.settings !== settings || !Array.isArray(rows.headers) || !Array.isArray(rows.docs)) return undefined;
  if (rows.headers.length !== names.length || !rows.headers.every(isCount) || !(await hasStamps(state, dir, names))) return undefined;
  const docs = new Map<string, PreviousRows>();
  const ends = [...rows.headers];
  for (const entry of rows.docs) {
    const [id, sha256, ...bytes] = Array.isArray(entry) ? entry : [];
    if (typeof id !== 'string' || typeof sha256 !== 'string' || bytes.length !== names.length || !bytes.every(isCount) || docs.has(id)) return undefined;
    docs.set(id, { sha256, starts: [...ends], bytes });
    bytes.forEach((count, table) => (ends[table] += count));
  }
  // The rows fill each table to its end: the record and the files agree.
  if (ends.some((end, table) => end !== state.files?.[names[table]]?.size)) return undefined;
  return { paths: names.map((name) => join(dir, name)), docs };
}

/** Record (atomically) that the tables `names` in `dir` were just written from `digest` (with `rows`, where each document's rows are). */
export async function saveTablesState(stateDir: string, dir: string, digest: string, names: readonly string[], rows?: TableRows): Promise<void> {
  const files: Record<string, FileStamp> = {};
  for (const name of names) {
    const stamp = await stampAt(join(dir, name));
    if (stamp) files[name] = stamp;
  }
  // The record of rows first: the state names its hash, so a record without its state, or a state without its record, is not used.
  const text = rows && JSON.stringify(rows);
  if (text !== undefined) await writeFileAtomic(join(stateDir, ROWS_FILE), text);
  else await rm(join(stateDir, ROWS_FILE), { force: true });
  const state: TablesState = { format: FORMAT, digest, files, rowsDigest: text && digestOf(text) };
  await writeFileAtomic(join(stateDir, STATE_FILE), JSON.stringify(state));
}

/** The record in the state folder of an output made from the tables (`isOutputCurrent`). */
const outputStateFile = (name: string) => `${name}.state.json`;

/**
 * Whether the output `name` in `dir`, a file made from the tables (report.html), is still what
 * the last run wrote from `digest`: its record in the state folder names that digest, and the
 * file has the size and modification time recorded when it was written.
 */
export async function isOutputCurrent(stateDir: string, dir: string, name: string, digest: string): Promise<boolean> {
  const state = await readState<{ format?: unknown; digest?: unknown; stamp?: FileStamp }>(join(stateDir, outputStateFile(name)));
  return state?.format === FORMAT && state.digest === digest && isSameStamp(await stampAt(join(dir, name)), state.stamp);
}

/** Record (atomically) that the output `name` in `dir` was just written from `digest` (see `isOutputCurrent`). */
export async function saveOutputState(stateDir: string, dir: string, name: string, digest: string): Promise<void> {
  const stamp = await stampAt(join(dir, name));
  if (stamp) await writeFileAtomic(join(stateDir, outputStateFile(name)), JSON.stringify({ format: FORMAT, digest, stamp }));
}

function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** True when each table has the stamp the state recorded for it. */
async function hasStamps(state: Partial<TablesState>, dir: string, names: readonly string[]): Promise<boolean> {
  const stamps = await Promise.all(names.map((name) => stampAt(join(dir, name))));
  return stamps.every((stamp, index) => isSameStamp(stamp, state.files?.[names[index]]));
}

function readTablesState(stateDir: string): Promise<Partial<TablesState> | undefined> {
  return readState<Partial<TablesState>>(join(stateDir, STATE_FILE));
}

/** A record of the state folder, parsed; undefined when it is missing or not JSON. */
async function readState<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function stampAt(path: string): Promise<FileStamp | undefined> {
  return stat(path).then(stampOf, () => undefined);
}
