import { randomBytes } from 'node:crypto';
import { renameSync } from 'node:fs';
import { open, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { csvRows, DEFAULT_CSV_SETTINGS, type Cell, type CsvSettings } from './csv.js';
import { noteTempFile } from './leftovers.js';

/** Temp files of atomic writes end in this; a run removes leftovers of killed runs. */
export const TEMP_SUFFIX = '.hsframe.tmp';

/** A temp path beside `path`, noted so that a process stopped before it is renamed or removed removes it (`removeLeftovers`). */
export function tempPathFor(path: string): string {
  TEMP_COUNT.value += 1;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${TEMP_PREFIX}${TEMP_COUNT.value.toString(36)}${TEMP_SUFFIX}`);
  noteTempFile(temp);
  return temp;
}

/** Temp names are unique per process and thread: a random prefix drawn once per thread, and a counter. */
const TEMP_PREFIX = randomBytes(4).toString('hex');
const TEMP_COUNT = { value: 0 };

/** A file written in full to a temp file beside its target, waiting to be renamed over it. */
export interface PendingFile {
  readonly path: string;
  readonly temp: string;
}

/** Write `data` to a temp file beside `path`, to be renamed over it by `publish` (or dropped by `discard`). */
export async function writePending(path: string, data: string | Uint8Array): Promise<PendingFile> {
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, data);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { path, temp };
}

/**
 * Rename finished files over their targets, in order. Every file of a set is written in full
 * first, so a full disk or a failed write leaves all the previous files in place, not some new
 * and some old; a rename does not need space. If one fails, the temp files not yet renamed are
 * removed. The renames are made in one go, blocking (each takes microseconds): a signal that
 * stops the process (`removeLeftovers`) is handled before or after the set, never within it,
 * where it would leave some files new and some old.
 */
export async function publish(files: readonly PendingFile[]): Promise<void> {
  for (let i = 0; i < files.length; i++) {
    try {
      renameSync(files[i].temp, files[i].path);
    } catch (error) {
      await discard(files.slice(i));
      throw error;
    }
  }
}

/** Remove finished files' temp files; their targets are untouched. */
export async function discard(files: readonly PendingFile[]): Promise<void> {
  await Promise.all(files.map((file) => rm(file.temp, { force: true })));
}

/**
 * A CSV file written in batches to a temp file and renamed into place on `commit()`, so a
 * reader never sees half a file and a failure leaves the previous version intact.
 */
export class CsvFileWriter {
  private constructor(
    private readonly path: string,
    private readonly temp: string,
    private readonly handle: FileHandle,
    private readonly settings: CsvSettings,
    /** Bytes of the header (with its byte order mark, if any): where the rows start. */
    readonly headerBytes: number,
  ) {}

  /** Open a temp file beside `path` and write the header. */
  static async open(path: string, header: readonly string[], settings: CsvSettings = DEFAULT_CSV_SETTINGS): Promise<CsvFileWriter> {
    const temp = tempPathFor(path);
    const handle = await open(temp, 'w');
    const text = Buffer.from(`${settings.hasBom ? '\ufeff' : ''}${csvRows([header], settings)}`);
    const writer = new CsvFileWriter(path, temp, handle, settings, text.length);
    try {
      await handle.writeFile(text);
    } catch (error) {
      await writer.abort();
      throw error;
    }
    return writer;
  }

  /** Append rows. */
  async write(rows: readonly (readonly Cell[])[]): Promise<void> {
    if (rows.length > 0) await this.handle.writeFile(csvRows(rows, this.settings));
  }

  /** Append rows already written as CSV (text, or UTF-8 bytes) in this writer's settings. */
  async writeText(text: string | Uint8Array): Promise<void> {
    if (text.length > 0) await this.handle.writeFile(text);
  }

  /** Flush to disk and close: the file waits in its temp file to be renamed over the target (`publish`). */
  async finish(): Promise<PendingFile> {
    try {
      await this.handle.sync();
      await this.handle.close();
    } catch (error) {
      await rm(this.temp, { force: true });
      throw error;
    }
    return { path: this.path, temp: this.temp };
  }

  /** Flush to disk and rename over the target. */
  async commit(): Promise<void> {
    await publish([await this.finish()]);
  }

  /** Drop the temp file; the target is untouched. */
  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.temp, { force: true });
  }
}
