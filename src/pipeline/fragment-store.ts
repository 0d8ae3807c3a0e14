import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { TEMP_SUFFIX, tempPathFor, writeFileAtomic } from '../output/index.js';
import type { DocResult } from './score-bytes.js';

/** Bump when the stored shape changes: older fragments are then ignored. */
const FORMAT = 4;

/** What is checked on every run: small, so an unchanged re-run reads little. */
interface StoredFragment {
  readonly format: number;
  /** The run key: tool version, lexicon hashes and scoring options. */
  readonly key: string;
  readonly result: Omit<DocResult, 'matchesCsv' | 'segmentsCsv'>;
  /** Size and modification time of the file the result was made from. */
  readonly stamp?: FileStamp;
}

/** A file's size and modification time: a quick stand-in for its content hash. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * First line of an evidence file; the document's rows of matches.csv follow (`matchesBytes`
 * bytes), then its rows of segments.csv. The rows are copied into the tables as bytes.
 */
interface EvidenceHeader {
  readonly format: number;
  readonly key: string;
  readonly sha256: string;
  readonly matchesBytes: number;
  readonly hasSegments: boolean;
}

/** A document's stored rows of matches.csv and segments.csv (UTF-8, default CSV settings). */
export interface StoredRows {
  readonly matches: Uint8Array;
  readonly segments?: Uint8Array;
}

/** The index of a finished scoring pass: every fragment in one file, so a re-run need not open them one by one. */
const INDEX = 'index.jsonl';

/**
 * Per-document results of earlier runs, one JSON file per document under the output
 * folder, keyed by document id and valid only for the same content hash and run key.
 * Each file is written atomically, so a killed run loses at most the document in flight.
 * A scoring pass that finishes also writes `index.jsonl`, a copy of every fragment it used;
 * the next run reads that one file instead of each fragment. A run removes the index as it
 * starts, so an index on disk always matches the fragments.
 */
export class FragmentStore {
  /** Sub-folders known to exist, so each is created once per run. */
  private readonly dirs = new Set<string>();
  /** The index of this pass, written as fragments are used or stored. */
  private readonly nextIndex: IndexWriter;

  private constructor(
    private readonly dir: string,
    private readonly key: string,
    /** Fragments from the last finished pass's index, by document id; each is taken once. */
    private readonly indexed: Map<string, StoredFragment>,
    indexPath: string,
  ) {
    this.nextIndex = new IndexWriter(indexPath, { format: FORMAT, key });
  }

  /** Open (and create) the store; remove temp files a killed run left behind. */
  static async open(stateDir: string, key: string): Promise<FragmentStore> {
    const dir = join(stateDir, 'fragments');
    await mkdir(dir, { recursive: true });
    await removeTempFiles(stateDir);
    for (const sub of await readdir(dir)) await removeTempFiles(join(dir, sub));
    const indexPath = join(stateDir, INDEX);
    const indexed = await readIndex(indexPath, key);
    await rm(indexPath, { force: true });
    return new FragmentStore(dir, key, indexed, indexPath);
  }

  /** Write the index of this scoring pass (call once every document has been scored or reused). An index that cannot be written is left out: it only saves time. */
  async saveIndex(): Promise<void> {
    await this.nextIndex.commit();
  }

  /** The stored result of `id` without its matches, if made from content `sha256` under this run key. */
  async read(id: string, sha256: string): Promise<DocResult | undefined> {
    const stored = await this.readFragment(id);
    // Not indexed here: found by content, it is restamped (and indexed) next.
    return stored && stored.result.sha256 === sha256 ? { ...stored.result, matchesCsv: '' } : undefined;
  }

  /**
   * The stored result of `id` if its file still has the size and modification time it had
   * when scored: an unchanged re-run then need not read and hash the file (`--force` does).
   */
  async readUnchanged(id: string, stamp: FileStamp): Promise<DocResult | undefined> {
    const indexed = this.indexed.get(id);
    this.indexed.delete(id);
    const stored = indexed && isSameStamp(indexed.stamp, stamp) ? indexed : await this.readFragment(id);
    if (!stored || !isSameStamp(stored.stamp, stamp)) return undefined;
    this.nextIndex.add(stored);
    return { ...stored.result, matchesCsv: '' };
  }

  private async readFragment(id: string): Promise<StoredFragment | undefined> {
    try {
      const stored = JSON.parse(await readFile(this.path(id), 'utf8')) as StoredFragment;
      return stored.format === FORMAT && stored.key === this.key && stored.result.id === id ? stored : undefined;
    } catch {
      return undefined;
    }
  }

  /** The stored rows of matches.csv and segments.csv of `id` as made from content `sha256` (for writing the tables). */
  async readEvidence(id: string, sha256: string): Promise<StoredRows | undefined> {
    try {
      const bytes = await readFile(`${this.path(id)}.evidence`);
      const lineEnd = bytes.indexOf(0x0a);
      const header = JSON.parse(bytes.subarray(0, lineEnd).toString('utf8')) as EvidenceHeader;
      if (header.format !== FORMAT || header.key !== this.key || header.sha256 !== sha256) return undefined;
      const matchesEnd = lineEnd + 1 + header.matchesBytes;
      if (matchesEnd > bytes.length) return undefined;
      return { matches: bytes.subarray(lineEnd + 1, matchesEnd), segments: header.hasSegments ? bytes.subarray(matchesEnd) : undefined };
    } catch {
      return undefined;
    }
  }

  /** Store a result (atomically): the evidence first, so a result is never found without it. */
  async write(result: DocResult, stamp?: FileStamp): Promise<void> {
    const path = this.path(result.id);
    const dir = join(path, '..');
    if (!this.dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.dirs.add(dir);
    }
    const { matchesCsv, segmentsCsv, ...rest } = result;
    const header: EvidenceHeader = { format: FORMAT, key: this.key, sha256: result.sha256, matchesBytes: Buffer.byteLength(matchesCsv), hasSegments: segmentsCsv !== undefined };
    await writeFileAtomic(`${path}.evidence`, `${JSON.stringify(header)}\n${matchesCsv}${segmentsCsv ?? ''}`);
    const stored: StoredFragment = { format: FORMAT, key: this.key, result: rest, stamp };
    await writeFileAtomic(path, JSON.stringify(stored));
    this.nextIndex.add(stored);
  }

  /** Record a new size and modification time for an unchanged result (e.g. a file touched or copied). */
  async restamp(id: string, stamp: FileStamp): Promise<void> {
    const stored = await this.readFragment(id);
    if (!stored) return;
    const restamped = { ...stored, stamp };
    await writeFileAtomic(this.path(id), JSON.stringify(restamped));
    this.nextIndex.add(restamped);
  }

  /** Remove fragments of documents not in `ids` (deleted documents, or failed ones). */
  async prune(ids: Iterable<string>): Promise<void> {
    const keep = new Set([...ids].flatMap((id) => [fileName(id), `${fileName(id)}.evidence`]));
    for (const sub of await readdir(this.dir)) {
      for (const name of await readdir(join(this.dir, sub))) {
        if (!keep.has(name)) await rm(join(this.dir, sub, name), { force: true });
      }
    }
  }

  private path(id: string): string {
    const name = fileName(id);
    return join(this.dir, name.slice(0, 2), name);
  }
}

function fileName(id: string): string {
  return `${createHash('sha256').update(id).digest('hex').slice(0, 40)}.json`;
}

/** Delete `*.hsframe.tmp` files in a folder (leftovers of a killed run). */
export async function removeTempFiles(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((name) => name.endsWith(TEMP_SUFFIX)).map((name) => rm(join(dir, name), { force: true })));
}

function isSameStamp(stored: FileStamp | undefined, stamp: FileStamp): boolean {
  return stored !== undefined && stored.size === stamp.size && stored.mtimeMs === stamp.mtimeMs;
}

/** The fragments of an index written under the same format and run key, by document id (none if it is missing or another run's). */
async function readIndex(path: string, key: string): Promise<Map<string, StoredFragment>> {
  const fragments = new Map<string, StoredFragment>();
  try {
    const lines = (await readFile(path, 'utf8')).split('\n');
    const header = JSON.parse(lines[0]) as { format?: number; key?: string };
    if (header.format !== FORMAT || header.key !== key) return fragments;
    for (let i = 1; i < lines.length; i++) {
      if (lines[i] === '') continue;
      const stored = JSON.parse(lines[i]) as StoredFragment;
      fragments.set(stored.result.id, stored);
    }
  } catch {
    fragments.clear();
  }
  return fragments;
}

/** Lines of the next index, streamed to a temp file and renamed into place on `commit`. */
class IndexWriter {
  private readonly temp: string;
  private stream?: WriteStream;
  private hasFailed = false;

  constructor(
    private readonly path: string,
    private readonly header: object,
  ) {
    this.temp = tempPathFor(path);
  }

  add(stored: StoredFragment): void {
    if (this.hasFailed) return;
    if (!this.stream) {
      this.stream = createWriteStream(this.temp);
      this.stream.on('error', () => {
        this.hasFailed = true;
      });
      this.stream.write(`${JSON.stringify(this.header)}\n`);
    }
    this.stream.write(`${JSON.stringify(stored)}\n`);
  }

  async commit(): Promise<void> {
    if (!this.stream) return;
    this.stream.end();
    try {
      await finished(this.stream);
      if (!this.hasFailed) await rename(this.temp, this.path);
    } catch {
      this.hasFailed = true;
    }
    if (this.hasFailed) await rm(this.temp, { force: true });
  }
}
