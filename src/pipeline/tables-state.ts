import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isSameStamp, stampOf, type FileStamp } from '../ingest/index.js';
import { writeFileAtomic } from '../output/index.js';

/** Shape of `outputs.json`; a state of another format (or none) makes the tables be rewritten. */
const FORMAT = 2;
/** File in the state folder that records the tables the last run wrote. */
const STATE_FILE = 'outputs.json';

/** The tables the last run wrote: what they were made from (`digest`) and each file's stamp, by name. */
interface TablesState {
  readonly format: number;
  readonly digest: string;
  readonly files: Readonly<Record<string, FileStamp>>;
}

/**
 * Whether the tables `names` in `dir` are still what the last run wrote from `digest`: the
 * state records that digest, and each file has the size and modification time recorded when
 * it was written. Files are not read, so the check costs the same at any corpus size.
 */
export async function areTablesCurrent(stateDir: string, dir: string, digest: string, names: readonly string[]): Promise<boolean> {
  const state = await readTablesState(stateDir);
  if (state?.format !== FORMAT || state.digest !== digest) return false;
  const stamps = await Promise.all(names.map((name) => stampAt(join(dir, name))));
  return stamps.every((stamp, index) => isSameStamp(stamp, state.files?.[names[index]]));
}

/** Record (atomically) that the tables `names` in `dir` were just written from `digest`. */
export async function saveTablesState(stateDir: string, dir: string, digest: string, names: readonly string[]): Promise<void> {
  const files: Record<string, FileStamp> = {};
  for (const name of names) {
    const stamp = await stampAt(join(dir, name));
    if (stamp) files[name] = stamp;
  }
  const state: TablesState = { format: FORMAT, digest, files };
  await writeFileAtomic(join(stateDir, STATE_FILE), JSON.stringify(state));
}

async function readTablesState(stateDir: string): Promise<Partial<TablesState> | undefined> {
  try {
    return JSON.parse(await readFile(join(stateDir, STATE_FILE), 'utf8')) as Partial<TablesState>;
  } catch {
    return undefined;
  }
}

async function stampAt(path: string): Promise<FileStamp | undefined> {
  return stat(path).then(stampOf, () => undefined);
}
