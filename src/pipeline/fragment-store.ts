import { randomBytes } from 'node:crypto';
import { closeSync, constants, createWriteStream, fstatSync, openSync, readFile as readFileCallback, readSync, type WriteStream } from 'node:fs';
import { open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { promisify } from 'node:util';
import { finished } from 'node:stream/promises';
import { makeDirs, partsBytes, TEMP_SUFFIX, tempPathFor, writeAllSync } from '../output/index.js';
import type { Issue, ScoreRow } from '../document.js';
import { isSameStamp, type FileStamp } from '../ingest/index.js';
import { compareText } from '../compare-text.js';
import { NO_CSV, type DocResult } from './score-bytes.js';

/**
 * A whole file in one read: fs.readFile (callback) takes its size and reads it at once, where
 * fs/promises' readFile reads in chunks, with more round trips (BENCHMARKS.md: rewriting the tables).
 */
const readWholeFile = promisify(readFileCallback);

/** Bump when the stored shape changes: older results are then ignored. */
const FORMAT = 9;

/**
 * First line of a stored result's record, and what a line of the index holds of it: what is
 * checked on every run. The document's rows of matches.csv follow the line (`matchesBytes`
 * bytes), then its rows of segments.csv (`bodyBytes` after the line in all); the tables copy them
 * as bytes. The line is the CRC-32 of its JSON (`SUM_CHARS` hex digits), then the JSON, which
 * holds the CRC-32 of the rows (`bodySum`): a record changed outside a run is not taken for a
 * result (`parseRecord`, `readRows`).
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
  /** Bytes of the rows after the first line. */
  readonly bodyBytes: number;
  /** The CRC-32 of those bytes. */
  readonly bodySum: number;
}

/** Hex digits of the CRC-32 that starts a record's first line. */
const SUM_CHARS = 8;

/** A record's first line (without its newline): the CRC-32 of the header's JSON, then the JSON. */
function headerLine(header: StoredFragment): string {
  const json = JSON.stringify(header);
  return `${crc32(json).toString(16).padStart(SUM_CHARS, '0')}${json}`;
}

/** The header in a record's first line (`headerLine`, without its newline); throws when its sum does not match. */
function parseHeaderLine(line: Buffer): StoredFragment {
  const json = line.subarray(SUM_CHARS);
  if (line.toString('latin1', 0, SUM_CHARS) !== crc32(json).toString(16).padStart(SUM_CHARS, '0')) throw new Error('a record whose first line does not match its sum');
  return JSON.parse(json.toString('utf8')) as StoredFragment;
}

/** Where a stored result is: the pack (a file of the store's folder) that holds its record, the record's offset in it and its length in bytes. */
export interface Location {
  readonly pack: string;
  readonly offset: number;
  readonly length: number;
}

/** A stored result as written: its record's first line, and where the record is. */
export interface StoredRecord {
  readonly header: StoredFragment;
  readonly at: Location;
}

/** Where a store keeps its results and under which run key: all a worker thread needs to store results itself. */
export interface StoreTarget {
  readonly dir: string;
  readonly key: string;
  /** What the packs this pass writes are named from: a thread's records go to one pack of its own (`storeResult`). */
  readonly pass: string;
}

/** A document whose stored result is asked for: its id, and the content hash the result must be made from. */
export interface StoredDocKey {
  readonly id: string;
  readonly sha256: string;
}

/** A document's stored rows of matches.csv and segments.csv (UTF-8, default CSV settings). */
export interface StoredRows {
  /** The document's row of scores.csv, as numbers. */
  readonly row: ScoreRow;
  readonly matches: Uint8Array;
  readonly segments?: Uint8Array;
}

/** Bytes read for a record's first line; a longer line is read with the rest of the record. */
const HEAD_BYTES = 16_384;

/** The index of a finished scoring pass: what a re-run checks of every result, and where it is, in one file. */
const INDEX = 'index.jsonl';
/** Bump when the index's lines change shape: an index of another layout is not read (the packs are, record by record). */
const INDEX_LAYOUT = 6;
/** The folder of the packs, in the state folder. */
const PACKS = 'packs';
const PACK_SUFFIX = '.pack';
/** Where results were kept one file per document, before packs: removed when found. */
const OLD_FRAGMENTS = 'fragments';

/**
 * A stored result as a re-run finds it: what the run keeps of it, and the whole result, read
 * from its record only when asked for (an unchanged re-run need not read the rows of thousands
 * of documents whose tables it does not rewrite).
 */
export interface ReusedResult {
  readonly id: string;
  readonly sha256: string;
  readonly issues: readonly Issue[];
  /** The whole result, without its rows of the tables (`matchesCsv` is empty), read once however often asked for; fails if its record is gone. */
  full(): Promise<DocResult>;
}

/**
 * A line of the index: what a re-run checks of a result and where its record is, `[id, sha256,
 * size, mtimeMs, ctimeMs, ino, issues, pack, offset, length]` (the stamp's numbers null when it has none). Kept
 * as read: an unchanged result's line is written to the next index as it is.
 */
interface IndexLine {
  readonly id: string;
  readonly sha256: string;
  readonly issues: readonly Issue[];
  readonly stamp?: FileStamp;
  readonly at: Location;
  /** The line's bytes (UTF-8, without its newline). */
  readonly line: Uint8Array;
}

/** A record found by reading the packs themselves (no index to say where): what is checked of it, and where it is. */
interface FoundRecord {
  readonly sha256: string;
  readonly stamp?: FileStamp;
  readonly at: Location;
}

/**
 * Per-document results of earlier runs, kept in packs under the output folder: files of
 * records (a JSON line, then the document's rows of the tables), each pack written by one
 * thread in one pass, appended to record by record. A result is keyed by document id and valid
 * only for the same content hash and run key. A killed run loses at most the records in flight:
 * a record cut short at a pack's end is not read.
 * A scoring pass that finishes also writes `index.jsonl`, the stamp, content hash, warnings and
 * place of every result it used; the next run reads that one file, and the packs no index line
 * names are removed. A run removes the index as it starts, so an index on disk always matches
 * the packs; without one (a killed run), the packs are read record by record.
 */
export class FragmentStore {
  private readonly isIndexed: boolean;
  /** Lines of the last index whose files' stamps have changed since, by document id, until `readByContent` takes them. */
  private readonly restamped = new Map<string, IndexLine>();
  /** The index of this pass, written as results are used or stored. */
  private readonly nextIndex: IndexWriter;
  /** Where this pass's results are, by document id: those it used or stored. */
  private readonly used = new Map<string, Location>();

  private constructor(
    private readonly dir: string,
    private readonly key: string,
    private readonly pass: string,
    /** Lines of the last finished pass's index, by document id; each is taken once. */
    private readonly indexed: Map<string, IndexLine>,
    /** Where the last index put each result under this key (as `indexed`, and kept when `--force` reuses nothing): the record a new result may equal. */
    private readonly previous: Map<string, Location>,
    /** Records read from the packs themselves, by document id, when no exact index said where every result is. */
    private readonly found: Map<string, FoundRecord[]> | undefined,
    /** The document ids of each pack's records, when the packs were read record by record. */
    private readonly idsOf: Map<string, string[]> | undefined,
    /** The last index says the store held exactly its documents' results (see `open`). */
    private readonly wasExact: boolean,
    indexPath: string,
    /** This pass prunes the store, and its index says so (see `open`). */
    private readonly isExact: boolean,
  ) {
    this.isIndexed = indexed.size > 0;
    this.nextIndex = new IndexWriter(indexPath, { format: FORMAT, layout: INDEX_LAYOUT, key, isExact });
  }

  /**
   * Open (and create) the store. A run that reuses nothing (`--force`) takes no result from the
   * last index, only where each was (a result made again as it was is not written again).
   * `isExact` (default true) says this pass prunes the store before it saves its index (`prune`,
   * then `saveIndex`), as a shard's pass does not: its index then tells the next pass that the
   * store holds exactly the results of its documents (a killed pass removes the index as it
   * starts). Without such an index, the packs are read record by record. `isCompacting` (default
   * true) lets it copy the live records of packs mostly of dead ones into one as it opens; a store
   * opened while another of the same folder is still read (a repair pass) must not.
   */
  static async open(stateDir: string, key: string, options: { isReused?: boolean; isExact?: boolean; isCompacting?: boolean } = {}): Promise<FragmentStore> {
    const dir = join(stateDir, PACKS);
    makeDirs(dir);
    await removeTempFiles(stateDir);
    await rm(join(stateDir, OLD_FRAGMENTS), { recursive: true, force: true });
    const indexPath = join(stateDir, INDEX);
    const last = await readIndex(indexPath, key);
    const pass = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    // An exact index of this key says where every record is: packs more than half of whose bytes no result needs are copied into one of their live records.
    const compacted = last.isExact && last.isOwnKey && options.isCompacting !== false ? await compactPacks(dir, last.lines, `${pass}-compacted${PACK_SUFFIX}`) : undefined;
    const lines = compacted?.lines ?? last.lines;
    const previous = new Map([...lines].map(([id, line]) => [id, line.at]));
    // An exact index of another key says every record is another key's: nothing to look for.
    const read = last.isExact ? undefined : await readPacks(dir, key);
    const found = read?.found;
    if (found) for (const [id, records] of found) if (!previous.has(id)) previous.set(id, records[0].at);
    await rm(indexPath, { force: true });
    for (const name of compacted?.emptied ?? []) await rm(join(dir, name), { force: true });
    const indexed = options.isReused === false ? new Map<string, IndexLine>() : lines;
    return new FragmentStore(dir, key, pass, indexed, previous, options.isReused === false ? undefined : found, read?.idsOf, last.isExact && last.isOwnKey, indexPath, options.isExact ?? true);
  }

  /** True when the index of an earlier finished run under this key was read: most documents can then be reused. */
  get hasIndex(): boolean {
    return this.isIndexed;
  }

  /** Where worker threads store the results they make. */
  get target(): StoreTarget {
    return { dir: this.dir, key: this.key, pass: this.pass };
  }

  /** Where the last finished pass kept the result of `id` (under this key), for `storeResult`: a result made again as it was is not written again. */
  previousOf(id: string): Location | undefined {
    return this.previous.get(id);
  }

  /** Write the index of this scoring pass (call once every document has been scored or reused). An index that cannot be written is left out: it only saves time. */
  async saveIndex(): Promise<void> {
    await this.nextIndex.commit();
  }

  /** Drop the index of a scoring pass that failed (its temp file too): the next run reads the packs record by record. */
  async discardIndex(): Promise<void> {
    await this.nextIndex.discard();
  }

  /** Take where another store of the same folder put the results it stored (a repair pass's), for reading them back through this one. */
  adopt(other: FragmentStore): void {
    for (const [id, at] of other.used) this.used.set(id, at);
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
      this.used.set(id, indexed.at);
      return { result: this.indexedResult(indexed), isStored: true };
    }
    if (indexed) {
      // Its file was touched or copied since: `readByContent` tells by its hash.
      this.restamped.set(id, indexed);
      return { isStored: true };
    }
    if (!this.found?.has(id)) return { isStored: false };
    const stored = await this.readFoundHeader(id, (record) => isSameStamp(record.stamp, stamp));
    if (!stored || !isSameStamp(stored.header.stamp, stamp)) return { isStored: true };
    this.noteStored(stored);
    const { sha256, issues } = stored.header.result;
    return { result: { id, sha256, issues, full: async () => ({ ...stored.header.result, matchesCsv: NO_CSV }) }, isStored: true };
  }

  /**
   * The stored result of `id` if made from content `sha256`, for a file whose size or
   * modification time changed (`readUnchanged` said a result is stored): taken from the last
   * index when it lists that content, else from the packs. The file's new `stamp` goes into the
   * next index; the record is not written again (a run without the index finds the stamp
   * changed, and tells by the hash, as this one did).
   */
  async readByContent(id: string, sha256: string, stamp: FileStamp): Promise<ReusedResult | undefined> {
    const indexed = this.restamped.get(id);
    this.restamped.delete(id);
    if (indexed?.sha256 === sha256) {
      this.nextIndex.add({ result: indexed, stamp }, indexed.at);
      this.used.set(id, indexed.at);
      return this.indexedResult(indexed);
    }
    const stored = await this.readFoundHeader(id, (record) => record.sha256 === sha256);
    if (!stored || stored.header.result.sha256 !== sha256) return undefined;
    this.nextIndex.add({ result: stored.header.result, stamp }, stored.at);
    this.used.set(id, stored.at);
    const result = { ...stored.header.result, matchesCsv: NO_CSV };
    return { id, sha256, issues: result.issues, full: async () => result };
  }

  /** A result the last index lists, read from its record only when asked for. */
  private indexedResult({ id, sha256, issues, at }: IndexLine): ReusedResult {
    let whole: Promise<DocResult> | undefined;
    return { id, sha256, issues, full: () => (whole ??= this.readFull(id, sha256, at)) };
  }

  /** The stored result of `id` made from content `sha256`, which the index said is at `at`. */
  private async readFull(id: string, sha256: string, at: Location): Promise<DocResult> {
    const stored = await this.readHeader(id, at);
    if (!stored || stored.result.sha256 !== sha256) throw new Error(`the stored result of ${id} is missing or out of date (run again with --force)`);
    return { ...stored.result, matchesCsv: NO_CSV };
  }

  /** The first line of a record of `id` found in the packs (the first that `isWanted` takes, else the first), and where it is. */
  private async readFoundHeader(id: string, isWanted: (record: FoundRecord) => boolean): Promise<StoredRecord | undefined> {
    const records = this.found?.get(id);
    if (!records) return undefined;
    const record = records.find(isWanted) ?? records[0];
    const header = await this.readHeader(id, record.at);
    return header && { header, at: record.at };
  }

  /** The first line of `id`'s record at `at`, read without the rows after it when it fits in one read. */
  private async readHeader(id: string, at: Location): Promise<StoredFragment | undefined> {
    try {
      const handle = await openPack(join(this.dir, at.pack));
      try {
        return this.checked(parseRecord(await headAt(handle, at)), id, at)?.header;
      } finally {
        await handle.close();
      }
    } catch {
      return undefined;
    }
  }

  /** Where the record of `id` made from content `sha256` is: the one this pass used or stored, else one found in the packs. */
  private whereIs(id: string, sha256: string): Location | undefined {
    return this.used.get(id) ?? this.found?.get(id)?.find((record) => record.sha256 === sha256)?.at;
  }

  /** `stored` if it is a record of `id` in this format and under this run key, as long as `at` says (its rows are checked where they are read, `readRows`). */
  private checked(stored: StoredFile, id: string, at: Location): StoredFile | undefined {
    const { header } = stored;
    return header.format === FORMAT && header.key === this.key && header.result.id === id && stored.headerBytes + header.bodyBytes === at.length ? stored : undefined;
  }

  /** The stored row of scores.csv of each of `docs` as made from its content, in their order; undefined where missing or unreadable. Only each record's first line is read (`recordHeads`). */
  async readScoreRowsOf(docs: readonly StoredDocKey[]): Promise<(ScoreRow | undefined)[]> {
    return this.readRecordsOf(docs, recordHeads, (stored, { sha256 }) => (stored.header.result.sha256 === sha256 ? stored.header.result.row : undefined));
  }

  /** The stored rows of scores.csv, matches.csv and segments.csv of `id` as made from content `sha256` (for writing the tables). */
  async readRows(id: string, sha256: string): Promise<StoredRows | undefined> {
    return (await this.readRowsOf([{ id, sha256 }]))[0];
  }

  /** `readRows` of each of `docs`, in their order; undefined where missing or unreadable. Records next to each other are read in one read (`wholeRecords`). */
  async readRowsOf(docs: readonly StoredDocKey[]): Promise<(StoredRows | undefined)[]> {
    return this.readRecordsOf(docs, wholeRecords, (stored, { sha256 }) => rowsOf(stored, sha256));
  }

  /**
   * What `take` makes of the record of each of `docs`, in their order, as `read` reads them from
   * their pack; undefined where the record is missing or unreadable, or `take` gives nothing.
   * Each pack that holds some is opened once, not once a record.
   */
  private async readRecordsOf<T>(docs: readonly StoredDocKey[], read: ReadRecords, take: (stored: StoredFile, doc: StoredDocKey) => T | undefined): Promise<(T | undefined)[]> {
    const found = new Array<T | undefined>(docs.length).fill(undefined);
    const byPack = new Map<string, PackRecord[]>();
    docs.forEach(({ id, sha256 }, index) => {
      const at = this.whereIs(id, sha256);
      if (!at) return;
      const records = byPack.get(at.pack);
      if (records) records.push({ index, at });
      else byPack.set(at.pack, [{ index, at }]);
    });
    const readPack = async (pack: string, records: PackRecord[]) => {
      const handle = await openPack(join(this.dir, pack));
      try {
        await read(
          handle,
          records.sort((a, b) => a.at.offset - b.at.offset),
          ({ index, at }, bytes) => {
            try {
              const stored = this.checked(parseRecord(bytes), docs[index].id, at);
              found[index] = stored && take(stored, docs[index]);
            } catch {
              // An unreadable record is a missing one.
            }
          },
        );
      } finally {
        await handle.close();
      }
    };
    // A pack that cannot be opened holds nothing found.
    await Promise.all([...byPack].map(([pack, records]) => readPack(pack, records).catch(() => undefined)));
    return found;
  }

  /**
   * Keep the results the last index lists of documents under these folders (ids), which this
   * pass could not list (a folder unreadable for a moment): they go into the next index as they
   * were, so the pass that lists them again reuses them. Returns their ids (for `prune`).
   */
  keepUnder(folders: readonly string[]): string[] {
    const kept: string[] = [];
    if (folders.length === 0) return kept;
    for (const [id, indexed] of this.indexed) {
      if (!folders.some((folder) => id.startsWith(`${folder}/`))) continue;
      this.indexed.delete(id);
      this.nextIndex.addLine(indexed.line);
      this.used.set(id, indexed.at);
      kept.push(id);
    }
    return kept;
  }

  /** Store a result (in this thread's pack). */
  async write(result: DocResult, stamp?: FileStamp): Promise<void> {
    this.noteStored(storeResult(this.target, result, stamp, this.previousOf(result.id)));
  }

  /** Index a result stored with `storeResult` (by a worker, or by `write`). */
  noteStored(stored: StoredRecord): void {
    this.nextIndex.add(stored.header, stored.at);
    this.used.set(stored.header.result.id, stored.at);
  }

  /**
   * Remove the packs that hold no result of `ids` (of deleted documents, failed ones, or earlier
   * passes), and any other file. Nothing to do when the last index said the store was exact and
   * this pass took every one of its lines and stored nothing new (an unchanged re-run). A pass
   * that is not exact (a shard's, whose folder may hold other shards' results) removes only the
   * packs read record by record all of whose records are of `ids` and none in use: results of
   * its own documents that it made again.
   */
  async prune(ids: Iterable<string>): Promise<void> {
    if (this.wasExact && this.indexed.size === 0 && !this.nextIndex.hasNewLines) return;
    const own = new Set(ids);
    const live = new Set<string>();
    for (const id of own) {
      const at = this.used.get(id);
      if (at) live.add(at.pack);
    }
    for (const name of await readdir(this.dir)) {
      const isDead = this.isExact || (this.idsOf?.get(name)?.every((id) => own.has(id)) ?? false);
      if (!live.has(name) && isDead) await rm(join(this.dir, name), { recursive: true, force: true });
    }
  }
}

/** A record read back: its first line, that line's bytes (with its newline), and the table rows after it. */
interface StoredFile {
  readonly header: StoredFragment;
  readonly headerBytes: number;
  readonly body: Uint8Array;
}

function parseRecord(bytes: Buffer): StoredFile {
  const lineEnd = bytes.indexOf(0x0a);
  if (lineEnd < 0) throw new Error('a record without its first line');
  return { header: parseHeaderLine(bytes.subarray(0, lineEnd)), headerBytes: lineEnd + 1, body: bytes.subarray(lineEnd + 1) };
}

/** A record's rows (`FragmentStore.readRows`) when it holds a result of content `sha256` and its rows are as their sum says. */
function rowsOf(stored: StoredFile | undefined, sha256: string): StoredRows | undefined {
  if (!stored || stored.header.result.sha256 !== sha256) return undefined;
  const { header, body } = stored;
  if (header.bodyBytes !== body.length || header.matchesBytes > body.length || crc32(body) !== header.bodySum) return undefined;
  return { row: header.result.row, matches: body.subarray(0, header.matchesBytes), segments: header.hasSegments ? body.subarray(header.matchesBytes) : undefined };
}

/** Read-only, and without waiting for a writer: a FIFO put where a pack was opens at once, and is then refused as not a regular file (`openPack`). */
const PACK_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/** A pack opened for reading; throws when it is not a regular file. */
async function openPack(path: string): Promise<FileHandle> {
  const handle = await open(path, PACK_FLAGS);
  if (!(await handle.stat().catch(() => undefined))?.isFile()) {
    await handle.close();
    throw new Error(`${path}: not a regular file`);
  }
  return handle;
}

/** A record asked for, of the pack being read: where its answer goes (`index`) and where it is. */
interface PackRecord {
  readonly index: number;
  readonly at: Location;
}

/** How records of one pack (ordered by offset) are read from it: `each` is given each record's bytes as read, whole or its first line at least (none for a record that cannot be read). */
type ReadRecords = (handle: FileHandle, records: readonly PackRecord[], each: (record: PackRecord, bytes: Buffer) => void) => Promise<void>;

/** Records read whole, each run of records next to each other (`adjacentRuns`) in one read. */
const wholeRecords: ReadRecords = async (handle, records, each) => {
  for (const run of adjacentRuns(records.map(({ at }) => at))) {
    const bytes = await readAt(handle, { pack: records[run.first].at.pack, offset: run.offset, length: run.length }).catch(() => undefined);
    for (let i = run.first; bytes && i < run.end; i++) {
      const from = records[i].at.offset - run.offset;
      if (from + records[i].at.length <= bytes.length) each(records[i], bytes.subarray(from, from + records[i].at.length));
    }
  }
};

/** Each record's first `HEAD_BYTES` (the whole record when its first line is longer), all read at once: the rows after the first line are not read. */
const recordHeads: ReadRecords = async (handle, records, each) => {
  await Promise.all(
    records.map(async (record) => {
      try {
        each(record, await headAt(handle, record.at));
      } catch {
        // Not read: missing.
      }
    }),
  );
};

/** The first `HEAD_BYTES` of the record at `at`, or all of it when its first line is longer. */
async function headAt(handle: FileHandle, at: Location): Promise<Buffer> {
  const head = await readAt(handle, { ...at, length: Math.min(HEAD_BYTES, at.length) });
  return head.includes(0x0a) ? head : readAt(handle, at);
}

/** Bytes between two records of a pack read in one read with them (`adjacentRuns`): records of other documents a thread stored in between. */
const GAP_READ = 1 << 16;
/** Bytes of records read at once (`adjacentRuns`), unless one record is longer. */
const RUN_BYTES = 1 << 24;

/**
 * Records of one pack (ordered by offset) in runs read at once: each run from its first record's
 * offset to its last one's end, records `[first, end)`, with at most `GAP_READ` bytes between two
 * of them and at most `RUN_BYTES` in all, unless one record is longer.
 */
function adjacentRuns(records: readonly Location[]): { first: number; end: number; offset: number; length: number }[] {
  const runs: { first: number; end: number; offset: number; length: number }[] = [];
  for (let i = 0; i < records.length; i++) {
    const last = runs[runs.length - 1];
    const { offset, length } = records[i];
    if (last && offset >= last.offset + last.length && offset - (last.offset + last.length) <= GAP_READ && offset + length - last.offset <= RUN_BYTES) {
      last.length = offset + length - last.offset;
      last.end = i + 1;
    } else runs.push({ first: i, end: i + 1, offset, length });
  }
  return runs;
}

/** The bytes of the record at `at`, read whole (fewer when the pack is shorter). */
async function readAt(handle: FileHandle, at: Location): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(at.length);
  let length = 0;
  for (let read = -1; read !== 0 && length < at.length; length += read) ({ bytesRead: read } = await handle.read(buffer, length, at.length - length, at.offset + length));
  return buffer.subarray(0, length);
}

/** A result's record: its first line (also what its line of the index holds) and all its bytes. */
function recordOf(target: StoreTarget, result: DocResult, stamp: FileStamp | undefined): { header: StoredFragment; parts: Uint8Array[] } {
  const { matchesCsv, segmentsCsv, ...rest } = result;
  const matchesBytes = partsBytes(matchesCsv);
  const body = [...matchesCsv, ...(segmentsCsv ?? [])];
  const bodySum = body.reduce((sum, part) => crc32(part, sum), 0);
  const header: StoredFragment = { format: FORMAT, key: target.key, result: rest, stamp, matchesBytes, hasSegments: segmentsCsv !== undefined, bodyBytes: matchesBytes + partsBytes(segmentsCsv ?? []), bodySum };
  return { header, parts: [Buffer.from(`${headerLine(header)}\n`), ...body] };
}

/** This thread's pack of the current pass: its name and how many bytes it holds. */
let pack: { readonly pass: string; readonly dir: string; readonly name: string; size: number } | undefined;

/**
 * Store a result, from this thread or a worker, and return its record's first line and where
 * it is, for the store's index (a worker's result is indexed with `FragmentStore.noteStored`).
 * The record is appended to this thread's pack of the pass, in one write. It blocks: one record,
 * written for less CPU than asynchronous calls would take. A result made as the record at
 * `previous` holds it, byte for byte, is not written again: that record serves.
 */
export function storeResult(target: StoreTarget, result: DocResult, stamp: FileStamp | undefined, previous?: Location): StoredRecord {
  const { header, parts } = recordOf(target, result, stamp);
  if (previous && isStoredAlready(join(target.dir, previous.pack), previous, parts)) return { header, at: previous };
  if (pack?.pass !== target.pass || pack.dir !== target.dir) pack = { pass: target.pass, dir: target.dir, name: `${target.pass}-${randomBytes(4).toString('hex')}${PACK_SUFFIX}`, size: 0 };
  const at = { pack: pack.name, offset: pack.size, length: partsBytes(parts) };
  try {
    const fd = openSync(join(target.dir, pack.name), 'a');
    try {
      // A write that fails (a full disk) leaves the record cut: the pass fails, and the record is never indexed.
      writeAllSync(fd, parts);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    // Records written after a failed one go to a new pack, so that no offset counts bytes that may not be there.
    pack = undefined;
    throw error;
  }
  pack.size += at.length;
  return { header, at };
}

/** Records up to this size are compared with what would be written again (`isStoredAlready`); larger ones are written. */
const MAX_COMPARED_BYTES = 1 << 20;

/**
 * True when the record at `at` in the pack `path` holds exactly `parts`, as after a forced run
 * that changed nothing: it is then not written again, and a run that stores ten thousand
 * unchanged results writes nothing.
 */
function isStoredAlready(path: string, at: Location, parts: readonly Uint8Array[]): boolean {
  const size = partsBytes(parts);
  if (size > MAX_COMPARED_BYTES || size !== at.length) return false;
  let fd: number;
  try {
    fd = openSync(path, PACK_FLAGS);
  } catch {
    return false;
  }
  try {
    if (!fstatSync(fd).isFile()) return false;
    const stored = Buffer.allocUnsafe(size);
    let length = 0;
    for (let read = -1; read !== 0 && length < size; length += read) read = readSync(fd, stored, length, size - length, at.offset + length);
    if (length !== size) return false;
    let offset = 0;
    for (const part of parts) {
      if (!stored.subarray(offset, offset + part.length).equals(part)) return false;
      offset += part.length;
    }
    return true;
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/**
 * Every whole record under `key` in the packs of `dir`, by document id, in pack and record order,
 * and the document ids of every pack's whole records, under any key. A pack is read up to its
 * first record that is cut short or unreadable (a killed run's last).
 */
async function readPacks(dir: string, key: string): Promise<{ found: Map<string, FoundRecord[]>; idsOf: Map<string, string[]> }> {
  const found = new Map<string, FoundRecord[]>();
  const idsOf = new Map<string, string[]>();
  for (const name of (await readdir(dir)).filter((file) => file.endsWith(PACK_SUFFIX)).sort()) {
    const ids: string[] = [];
    idsOf.set(name, ids);
    let handle: FileHandle;
    try {
      handle = await openPack(join(dir, name));
    } catch {
      continue;
    }
    try {
      const { size } = await handle.stat();
      for (let offset = 0; offset < size; ) {
        const head: Buffer = Buffer.alloc(Math.min(HEAD_BYTES, size - offset));
        const { bytesRead } = await handle.read(head, 0, head.length, offset);
        let lineEnd = head.subarray(0, bytesRead).indexOf(0x0a);
        let line: Buffer = head;
        if (lineEnd < 0) {
          // A first line longer than one read: read on to its end.
          line = await readAt(handle, { pack: name, offset, length: size - offset });
          lineEnd = line.indexOf(0x0a);
          if (lineEnd < 0) break;
        }
        const header = parseHeaderLine(line.subarray(0, lineEnd));
        if (header.format !== FORMAT || !Number.isInteger(header.bodyBytes)) break;
        const length = lineEnd + 1 + header.bodyBytes;
        if (offset + length > size) break;
        ids.push(header.result.id);
        if (header.key === key) {
          const records = found.get(header.result.id) ?? [];
          records.push({ sha256: header.result.sha256, stamp: header.stamp, at: { pack: name, offset, length } });
          found.set(header.result.id, records);
        }
        offset += length;
      }
    } catch {
      // A damaged record ends what is read of its pack.
    } finally {
      await handle.close();
    }
  }
  return { found, idsOf };
}

/** Bytes of a store's packs that no result needs, below which they are left as they are (however much of the store they are). */
const MIN_WASTE_BYTES = 1 << 20;

/**
 * When more of the packs' bytes are records no result of `lines` needs (results made again since,
 * of documents changed or gone) than records it needs, and more than `MIN_WASTE_BYTES`: copy the
 * needed records into one new pack `name`, and give the lines where they now are and the packs
 * then emptied (to be removed once the index that names them is). Undefined when nothing is done.
 */
async function compactPacks(dir: string, lines: ReadonlyMap<string, IndexLine>, name: string): Promise<{ lines: Map<string, IndexLine>; emptied: string[] } | undefined> {
  let needed = 0;
  const packs = new Set<string>();
  for (const { at } of lines.values()) {
    needed += at.length;
    packs.add(at.pack);
  }
  let stored = 0;
  for (const pack of packs) stored += await stat(join(dir, pack)).then((info) => info.size, () => 0);
  if (stored - needed <= Math.max(needed, MIN_WASTE_BYTES)) return undefined;
  const compacted = new Map<string, IndexLine>();
  const handles = new Map<string, FileHandle>();
  const out = await open(join(dir, name), 'wx');
  let isCopied = false;
  try {
    let offset = 0;
    // In pack order, so each pack is read from start to end.
    for (const line of [...lines.values()].sort((a, b) => compareText(a.at.pack, b.at.pack) || a.at.offset - b.at.offset)) {
      let handle = handles.get(line.at.pack);
      if (!handle) handles.set(line.at.pack, (handle = await openPack(join(dir, line.at.pack))));
      const record = await readAt(handle, line.at);
      if (record.length !== line.at.length) throw new Error(`a record of ${line.id} is cut short`);
      await out.write(record, 0, record.length, offset);
      const at = { pack: name, offset, length: record.length };
      compacted.set(line.id, { ...line, at, line: Buffer.from(indexLineOf({ result: line, stamp: line.stamp }, at)) });
      offset += record.length;
    }
    isCopied = true;
  } catch {
    // A pack that cannot be read as its index says: left as it is (the pass reads what it can).
  } finally {
    await out.close();
    for (const handle of handles.values()) await handle.close();
  }
  if (!isCopied) {
    await rm(join(dir, name), { force: true });
    return undefined;
  }
  return { lines: compacted, emptied: [...packs] };
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

/** The lines of an index written in the same format and layout and under the same run key, by document id (none if it is missing, another run's or damaged); whether it says its store was exact, and whether it is this key's. */
async function readIndex(path: string, key: string): Promise<{ lines: Map<string, IndexLine>; isExact: boolean; isOwnKey: boolean }> {
  const indexed = new Map<string, IndexLine>();
  let [isExact, isOwnKey] = [false, false];
  try {
    // Bytes, not text: each line is decoded alone, and kept as bytes for the next index.
    const bytes = await readWholeFile(path);
    const headerEnd = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.toString('utf8', 0, headerEnd < 0 ? bytes.length : headerEnd)) as { format?: number; layout?: number; key?: string; isExact?: boolean };
    if (headerEnd < 0 || header.format !== FORMAT || header.layout !== INDEX_LAYOUT) return { lines: indexed, isExact, isOwnKey };
    if (header.key !== key) return { lines: indexed, isExact: header.isExact === true, isOwnKey };
    for (let start = headerEnd + 1; start < bytes.length; ) {
      let end = bytes.indexOf(0x0a, start);
      if (end < 0) end = bytes.length;
      if (end > start) {
        const [id, sha256, size, mtimeMs, ctimeMs, ino, issues, pack, offset, length] = JSON.parse(bytes.toString('utf8', start, end)) as [string, string, number | null, number | null, number | null, number | null, Issue[], string, number, number];
        if (typeof id !== 'string' || typeof sha256 !== 'string' || !Array.isArray(issues) || typeof pack !== 'string' || !Number.isInteger(offset) || !Number.isInteger(length)) throw new Error('a damaged index line');
        indexed.set(id, { id, sha256, issues, stamp: size === null || mtimeMs === null || ctimeMs === null || ino === null ? undefined : { size, mtimeMs, ctimeMs, ino }, at: { pack, offset, length }, line: bytes.subarray(start, end) });
      }
      start = end + 1;
    }
    [isExact, isOwnKey] = [header.isExact === true, true];
  } catch {
    indexed.clear();
  }
  return { lines: indexed, isExact, isOwnKey };
}

/** What an index line is made of: a result's id, content hash and warnings, and the stamp of its file (and where its record is: `IndexWriter.add`). */
type IndexedResult = { readonly result: Pick<DocResult, 'id' | 'sha256' | 'issues'>; readonly stamp?: FileStamp };

/** The index line of a stored result at `at` (see `IndexLine`). */
function indexLineOf(stored: IndexedResult, at: Location): string {
  const { id, sha256, issues } = stored.result;
  const { size = null, mtimeMs = null, ctimeMs = null, ino = null } = stored.stamp ?? {};
  return JSON.stringify([id, sha256, size, mtimeMs, ctimeMs, ino, issues, at.pack, at.offset, at.length]);
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

  add(stored: IndexedResult, at: Location): void {
    this.hasNewLines = true;
    this.addLine(Buffer.from(indexLineOf(stored, at)));
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
