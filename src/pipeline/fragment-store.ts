import { hash } from 'node:crypto';
import { closeSync, createWriteStream, openSync, readFile as readFileCallback, readSync, type WriteStream } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import { finished } from 'node:stream/promises';
import { makeDirs, partsBytes, TEMP_SUFFIX, tempPathFor, writeFileAtomicSync } from '../output/index.js';
import type { Issue, ScoreRow } from '../document.js';
import { isSameStamp, type FileStamp } from '../ingest/index.js';
import { NO_CSV, type DocResult } from './score-bytes.js';

/**
 * A whole file in one read: fs.readFile (callback) takes its size and reads it at once, where
 * fs/promises' readFile reads in chunks, with more round trips (BENCHMARKS.md: rewriting the tables).
 */
const readWholeFile = promisify(readFileCallback);

/** Bump when the stored shape changes: older fragments are then ignored. */
const FORMAT = 6;

/**
 * First line of a fragment file, and a line of the index: what is checked on every run. The
 * document's rows of matches.csv follow the line in the file (`matchesBytes` bytes), then its
 * rows of segments.csv; the tables copy them as bytes.
 */
export interface StoredFragment {
  readonly format: number;
  /** The run key: tool version, lexicon hashes and scoring options. */
  readonly key: string;
  readonly result: Omit<DocResult, 'matchesCsv' | 'segmentsCsv'>;
  /** Size and modification time of the file the result was made from. */
  readonly stamp?: FileStamp;
  readonly matchesBytes: number;
  readonly hasSegments: boolean;
}

/** Where a store keeps its fragments and under which run key: all a worker thread needs to store results itself. */
export interface StoreTarget {
  readonly dir: string;
  readonly key: string;
}

/** A document's stored rows of matches.csv and segments.csv (UTF-8, default CSV settings). */
export interface StoredRows {
  /** The document's row of scores.csv, as numbers. */
  readonly row: ScoreRow;
  readonly matches: Uint8Array;
  readonly segments?: Uint8Array;
}

/** Bytes read for a fragment's first line; a longer line is read with the rest of the file. */
const HEAD_BYTES = 16_384;

/** The index of a finished scoring pass: what a re-run checks of every result, in one file, so that it need not open the fragments one by one. */
const INDEX = 'index.jsonl';
/** Bump when the index's lines change shape: an index of another layout is not read (the fragments are, one by one). */
const INDEX_LAYOUT = 3;

/**
 * A stored result as a re-run finds it: what the run keeps of it, and the whole result, read
 * from its fragment only when asked for (an unchanged re-run need not read the rows of
 * thousands of documents whose tables it does not rewrite).
 */
export interface ReusedResult {
  readonly id: string;
  readonly sha256: string;
  readonly issues: readonly Issue[];
  /** The whole result, without its rows of the tables (`matchesCsv` is empty), read once however often asked for; fails if its fragment is gone. */
  full(): Promise<DocResult>;
}

/**
 * A line of the index: what a re-run checks of a result, `[id, sha256, size, mtimeMs, issues]`
 * (the stamp's numbers null when it has none). Kept as read: an unchanged result's line is
 * written to the next index as it is.
 */
interface IndexLine {
  readonly id: string;
  readonly sha256: string;
  readonly issues: readonly Issue[];
  readonly stamp?: FileStamp;
  /** The line's bytes (UTF-8, without its newline). */
  readonly line: Uint8Array;
}

/**
 * Per-document results of earlier runs, one file per document under the output folder (a
 * JSON line, then the document's rows of the tables), keyed by document id and valid only
 * for the same content hash and run key. Each file is written atomically, whether by this
 * thread or by the worker that scored the document, so a killed run loses at most the
 * documents in flight.
 * A scoring pass that finishes also writes `index.jsonl`, the stamp, content hash and warnings
 * of every result it used; the next run reads that one file instead of each fragment. A run
 * removes the index as it starts, so an index on disk always matches the fragments.
 */
export class FragmentStore {
  private readonly isIndexed: boolean;
  /** Lines of the last index whose files' stamps have changed since, by document id, until `readByContent` takes them. */
  private readonly restamped = new Map<string, IndexLine>();
  /** The index of this pass, written as fragments are used or stored. */
  private readonly nextIndex: IndexWriter;

  private constructor(
    private readonly dir: string,
    private readonly key: string,
    /** Lines of the last finished pass's index, by document id; each is taken once. */
    private readonly indexed: Map<string, IndexLine>,
    /** The last index says the store held exactly its documents' fragments (see `open`). */
    private readonly wasExact: boolean,
    indexPath: string,
    isExact: boolean,
  ) {
    this.isIndexed = indexed.size > 0;
    this.nextIndex = new IndexWriter(indexPath, { format: FORMAT, layout: INDEX_LAYOUT, key, isExact });
  }

  /**
   * Open (and create) the store; remove temp files a killed run left behind. A run that reuses
   * nothing (`--force`) leaves the last index unread. `isExact` (default true) says this pass
   * prunes the store before it saves its index (`prune`, then `saveIndex`), as a shard's pass
   * does not: its index then tells the next pass that the store holds exactly the fragments of
   * its documents, and no temp files (a killed pass removes the index as it starts).
   */
  static async open(stateDir: string, key: string, options: { isReused?: boolean; isExact?: boolean } = {}): Promise<FragmentStore> {
    const dir = join(stateDir, 'fragments');
    makeDirs(dir);
    await removeTempFiles(stateDir);
    const indexPath = join(stateDir, INDEX);
    const last = options.isReused === false ? { lines: new Map<string, IndexLine>(), isExact: false } : await readIndex(indexPath, key);
    // The sub-folders side by side: a corpus of thousands fills all 256, and each is a round trip to the disk.
    if (!last.isExact) await eachSubFolder(dir, (sub) => removeTempFiles(join(dir, sub)));
    await rm(indexPath, { force: true });
    return new FragmentStore(dir, key, last.lines, last.isExact, indexPath, options.isExact ?? true);
  }

  /** True when the index of an earlier finished run under this key was read: most documents can then be reused. */
  get hasIndex(): boolean {
    return this.isIndexed;
  }

  /** Where worker threads store the results they make. */
  get target(): StoreTarget {
    return { dir: this.dir, key: this.key };
  }

  /** Write the index of this scoring pass (call once every document has been scored or reused). An index that cannot be written is left out: it only saves time. */
  async saveIndex(): Promise<void> {
    await this.nextIndex.commit();
  }

  /** Drop the index of a scoring pass that failed (its temp file too): the next run reads the stored results one by one. */
  async discardIndex(): Promise<void> {
    await this.nextIndex.discard();
  }

  /** The stored result of `id` without its matches, if made from content `sha256` under this run key. */
  async read(id: string, sha256: string): Promise<DocResult | undefined> {
    const stored = await this.readHeader(id);
    // Not indexed here: found by content, it is restamped (and indexed) next.
    return stored && stored.result.sha256 === sha256 ? { ...stored.result, matchesCsv: NO_CSV } : undefined;
  }

  /**
   * The stored result of `id` if its file still has the size and modification time it had
   * when scored: an unchanged re-run then need not read and hash the file (`--force` does).
   * `isStored` tells whether a result of `id` is stored at all, changed or not.
   */
  async readUnchanged(id: string, stamp: FileStamp): Promise<{ result?: ReusedResult; isStored: boolean }> {
    const indexed = this.indexed.get(id);
    this.indexed.delete(id);
    if (indexed && isSameStamp(indexed.stamp, stamp)) {
      this.nextIndex.addLine(indexed.line);
      return { result: this.indexedResult(indexed), isStored: true };
    }
    if (indexed) {
      // Its file was touched or copied since: `readByContent` tells by its hash.
      this.restamped.set(id, indexed);
      return { isStored: true };
    }
    const stored = await this.readHeader(id);
    if (!stored || !isSameStamp(stored.stamp, stamp)) return { isStored: stored !== undefined };
    this.nextIndex.add(stored);
    const { sha256, issues } = stored.result;
    return { result: { id, sha256, issues, full: async () => ({ ...stored.result, matchesCsv: NO_CSV }) }, isStored: true };
  }

  /**
   * The stored result of `id` if made from content `sha256`, for a file whose size or
   * modification time changed (`readUnchanged` said a result is stored): taken from the last
   * index when it lists that content, else from the fragment. The file's new `stamp` goes into
   * the next index; the fragment is not written again (a run without the index finds the stamp
   * changed, and tells by the hash, as this one did).
   */
  async readByContent(id: string, sha256: string, stamp: FileStamp): Promise<ReusedResult | undefined> {
    const indexed = this.restamped.get(id);
    this.restamped.delete(id);
    if (indexed?.sha256 === sha256) {
      this.nextIndex.add({ result: indexed, stamp });
      return this.indexedResult(indexed);
    }
    const stored = await this.read(id, sha256);
    if (!stored) return undefined;
    this.nextIndex.add({ result: stored, stamp });
    return { id, sha256, issues: stored.issues, full: async () => stored };
  }

  /** A result the last index lists, read from its fragment only when asked for. */
  private indexedResult({ id, sha256, issues }: IndexLine): ReusedResult {
    let whole: Promise<DocResult> | undefined;
    return { id, sha256, issues, full: () => (whole ??= this.readFull(id, sha256)) };
  }

  /** The stored result of `id` made from content `sha256`, which the index said is there. */
  private async readFull(id: string, sha256: string): Promise<DocResult> {
    const result = await this.read(id, sha256);
    if (!result) throw new Error(`the stored result of ${id} is missing or out of date (run again with --force)`);
    return result;
  }

  /** The first line of `id`'s fragment, read without the rows after it when it fits in one read. */
  private async readHeader(id: string): Promise<StoredFragment | undefined> {
    try {
      const handle = await open(fragmentPath(this.dir, id), 'r');
      let head: Buffer;
      try {
        const { bytesRead, buffer } = await handle.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
        head = buffer.subarray(0, bytesRead);
        if (!head.includes(0x0a)) head = await handle.readFile();
      } finally {
        await handle.close();
      }
      return this.checked(parseFragment(head), id)?.header;
    } catch {
      return undefined;
    }
  }

  private async readFragment(id: string): Promise<StoredFile | undefined> {
    try {
      return this.checked(parseFragment(await readWholeFile(fragmentPath(this.dir, id))), id);
    } catch {
      return undefined;
    }
  }

  /** `stored` if it is a fragment of `id` in this format and under this run key. */
  private checked(stored: StoredFile, id: string): StoredFile | undefined {
    return stored.header.format === FORMAT && stored.header.key === this.key && stored.header.result.id === id ? stored : undefined;
  }

  /** The stored row of scores.csv of `id` as made from content `sha256` (its fragment's first line only). */
  async readRow(id: string, sha256: string): Promise<ScoreRow | undefined> {
    const stored = await this.readHeader(id);
    return stored && stored.result.sha256 === sha256 ? stored.result.row : undefined;
  }

  /** The stored rows of scores.csv, matches.csv and segments.csv of `id` as made from content `sha256` (for writing the tables). */
  async readRows(id: string, sha256: string): Promise<StoredRows | undefined> {
    const stored = await this.readFragment(id);
    if (!stored || stored.header.result.sha256 !== sha256) return undefined;
    const { header, body } = stored;
    if (header.matchesBytes > body.length) return undefined;
    return { row: header.result.row, matches: body.subarray(0, header.matchesBytes), segments: header.hasSegments ? body.subarray(header.matchesBytes) : undefined };
  }

  /** Store a result (atomically). */
  async write(result: DocResult, stamp?: FileStamp): Promise<void> {
    this.nextIndex.add(storeResult(this.target, result, stamp));
  }

  /** Index a result that a worker stored with `storeResult`. */
  noteStored(header: StoredFragment): void {
    this.nextIndex.add(header);
  }

  /**
   * Remove fragments of documents not in `ids` (deleted documents, or failed ones), and any
   * other file. Nothing to do when the last index said the store was exact and this pass took
   * every one of its lines and stored nothing new (an unchanged re-run): `ids` are then its
   * documents, whose fragments are all the store holds.
   */
  async prune(ids: Iterable<string>): Promise<void> {
    if (this.wasExact && this.indexed.size === 0 && !this.nextIndex.hasNewLines) return;
    const keep = new Set([...ids].map(fileName));
    const prune = async (sub: string) => {
      for (const name of await readdir(join(this.dir, sub))) {
        if (!keep.has(name)) await rm(join(this.dir, sub, name), { force: true });
      }
    };
    await eachSubFolder(this.dir, prune);
  }
}

/** A fragment file read back: its first line, and the table rows after it. */
interface StoredFile {
  readonly header: StoredFragment;
  readonly body: Uint8Array;
}

function parseFragment(bytes: Buffer): StoredFile {
  const lineEnd = bytes.indexOf(0x0a);
  if (lineEnd < 0) throw new Error('fragment without its first line');
  return { header: JSON.parse(bytes.subarray(0, lineEnd).toString('utf8')) as StoredFragment, body: bytes.subarray(lineEnd + 1) };
}

/** A result's fragment file: its first line (also its line of the index) and all its bytes. */
function fragmentOf(target: StoreTarget, result: DocResult, stamp: FileStamp | undefined): { header: StoredFragment; parts: Uint8Array[] } {
  const { matchesCsv, segmentsCsv, ...rest } = result;
  const header: StoredFragment = { format: FORMAT, key: target.key, result: rest, stamp, matchesBytes: partsBytes(matchesCsv), hasSegments: segmentsCsv !== undefined };
  return { header, parts: [Buffer.from(`${JSON.stringify(header)}\n`), ...matchesCsv, ...(segmentsCsv ?? [])] };
}

/**
 * Store a result atomically, from this thread or a worker, and return its line for the store's
 * index (a worker's result is indexed with `FragmentStore.noteStored`). It blocks: one small
 * file, written for less CPU than asynchronous calls would take.
 */
export function storeResult(target: StoreTarget, result: DocResult, stamp: FileStamp | undefined): StoredFragment {
  const path = fragmentPath(target.dir, result.id);
  const { header, parts } = fragmentOf(target, result, stamp);
  if (isStoredAlready(path, parts)) return header;
  try {
    writeFileAtomicSync(path, parts);
  } catch (error) {
    // The first result in its sub-folder makes the folder.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    makeDirs(join(path, '..'));
    writeFileAtomicSync(path, parts);
  }
  return header;
}

/** Fragments up to this size are compared with what would be written over them (`isStoredAlready`); larger ones are written. */
const MAX_COMPARED_BYTES = 1 << 20;

/**
 * True when the fragment at `path` already holds exactly `parts`, as after a forced run that
 * changed nothing: it is then not written again. Writing a file over another costs the file
 * system far more than reading it (freeing the old file's blocks), and a run that stores ten
 * thousand unchanged results would pay it ten thousand times.
 */
function isStoredAlready(path: string, parts: readonly Uint8Array[]): boolean {
  const size = partsBytes(parts);
  if (size > MAX_COMPARED_BYTES) return false;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const stored = Buffer.allocUnsafe(size + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length <= size; length += read) read = readSync(fd, stored, length, size + 1 - length, length);
    if (length !== size) return false;
    let at = 0;
    for (const part of parts) {
      if (!stored.subarray(at, at + part.length).equals(part)) return false;
      at += part.length;
    }
    return true;
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

function fragmentPath(dir: string, id: string): string {
  const name = fileName(id);
  return join(dir, name.slice(0, 2), name);
}

function fileName(id: string): string {
  // One-shot `hash`: a third of `createHash`'s time on short ids (a re-run names every document's file).
  return `${hash('sha256', id).slice(0, 40)}.json`;
}

/** Sub-folders worked on at once: enough to keep the thread pool's four threads busy, few enough not to flood its queue. */
const SUB_FOLDERS_AT_ONCE = 16;

/** Run `work` on every sub-folder of the store's folder `dir`, `SUB_FOLDERS_AT_ONCE` at a time (p-limit). */
async function eachSubFolder(dir: string, work: (sub: string) => Promise<void>): Promise<void> {
  const limit = pLimit(SUB_FOLDERS_AT_ONCE);
  await Promise.all((await readdir(dir)).map((sub) => limit(() => work(sub))));
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

/** The lines of an index written in the same format and layout and under the same run key, by document id (none if it is missing, another run's or damaged). */
async function readIndex(path: string, key: string): Promise<{ lines: Map<string, IndexLine>; isExact: boolean }> {
  const indexed = new Map<string, IndexLine>();
  let isExact = false;
  try {
    // Bytes, not text: each line is decoded alone, and kept as bytes for the next index.
    const bytes = await readWholeFile(path);
    const headerEnd = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.toString('utf8', 0, headerEnd < 0 ? bytes.length : headerEnd)) as { format?: number; layout?: number; key?: string; isExact?: boolean };
    if (headerEnd < 0 || header.format !== FORMAT || header.layout !== INDEX_LAYOUT || header.key !== key) return { lines: indexed, isExact };
    for (let start = headerEnd + 1; start < bytes.length; ) {
      let end = bytes.indexOf(0x0a, start);
      if (end < 0) end = bytes.length;
      if (end > start) {
        const [id, sha256, size, mtimeMs, issues] = JSON.parse(bytes.toString('utf8', start, end)) as [string, string, number | null, number | null, Issue[]];
        if (typeof id !== 'string' || typeof sha256 !== 'string' || !Array.isArray(issues)) throw new Error('a damaged index line');
        indexed.set(id, { id, sha256, issues, stamp: size === null || mtimeMs === null ? undefined : { size, mtimeMs }, line: bytes.subarray(start, end) });
      }
      start = end + 1;
    }
    isExact = header.isExact === true;
  } catch {
    indexed.clear();
  }
  return { lines: indexed, isExact };
}

/** What an index line is made of: a result's id, content hash and warnings, and the stamp of its file. */
type IndexedResult = { readonly result: Pick<DocResult, 'id' | 'sha256' | 'issues'>; readonly stamp?: FileStamp };

/** The index line of a stored result (see `IndexLine`). */
function indexLineOf(stored: IndexedResult): string {
  const { id, sha256, issues } = stored.result;
  return JSON.stringify([id, sha256, stored.stamp?.size ?? null, stored.stamp?.mtimeMs ?? null, issues]);
}

const NEWLINE = new Uint8Array([0x0a]);

/** Bytes of index lines gathered before they are written: one write per batch, not per document. */
const INDEX_BATCH_BYTES = 1 << 16;

/** Lines of the next index, streamed in batches to a temp file and renamed into place on `commit`. */
class IndexWriter {
  private readonly temp: string;
  private stream?: WriteStream;
  /** Lines not yet written, each followed by a newline. */
  private batch: Uint8Array[] = [];
  private batchBytes = 0;
  private hasFailed = false;
  /** Lines added that are not lines of the last index: results stored, restamped, or found without it. */
  hasNewLines = false;

  constructor(
    private readonly path: string,
    private readonly header: object,
  ) {
    this.temp = tempPathFor(path);
  }

  add(stored: IndexedResult): void {
    this.hasNewLines = true;
    this.addLine(Buffer.from(indexLineOf(stored)));
  }

  /** Add a line (see `IndexLine`): a new one, or one of the last index as read. */
  addLine(line: Uint8Array): void {
    if (this.hasFailed) return;
    if (!this.stream) {
      this.stream = createWriteStream(this.temp);
      this.stream.on('error', () => {
        this.hasFailed = true;
      });
      this.stream.write(`${JSON.stringify(this.header)}\n`);
    }
    this.batch.push(line, NEWLINE);
    this.batchBytes += line.length + 1;
    if (this.batchBytes >= INDEX_BATCH_BYTES) this.flush();
  }

  async commit(): Promise<void> {
    if (!this.stream) return;
    this.flush();
    this.stream.end();
    try {
      await finished(this.stream);
      if (!this.hasFailed) await rename(this.temp, this.path);
    } catch {
      this.hasFailed = true;
    }
    if (this.hasFailed) await rm(this.temp, { force: true });
  }

  async discard(): Promise<void> {
    this.hasFailed = true;
    if (!this.stream) return;
    this.stream.destroy();
    await finished(this.stream).catch(() => undefined);
    await rm(this.temp, { force: true });
  }

  private flush(): void {
    if (this.batch.length > 0) this.stream!.write(Buffer.concat(this.batch, this.batchBytes));
    [this.batch, this.batchBytes] = [[], 0];
  }
}
