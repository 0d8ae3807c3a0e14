import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import pLimit from 'p-limit';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { Issue } from '../document.js';
import { makeIssue, reasonOf } from '../issues.js';
import { compareText } from '../compare-text.js';
import { nameFromBytes } from './file-name.js';
import { folderLeftOutBy, leftOutBy } from './left-out-by.js';

/** A file to score: its absolute path and its id (path relative to the corpus root, `/`-separated). */
export interface DocumentFile {
  readonly id: string;
  /** The path as text; a name in it that is not UTF-8 is written as its id shows it (`nameFromBytes`), so the file is opened by `rawPath`. */
  readonly path: string;
  /** The path's bytes, when a name in it is not UTF-8: what the file is opened by (`fsPathOf`). */
  readonly rawPath?: Buffer;
}

/** What to open a document's file by: its path, or its path's bytes when a name in it is not UTF-8. */
export function fsPathOf(file: DocumentFile): string | Buffer {
  return file.rawPath ?? file.path;
}

/** Folders whose real path and entries are asked for at once. */
const FOLDERS_AT_ONCE = 16;

/** A folder as the walk reads it: its real path (symbolic links resolved; for a path that is not UTF-8, a key that stands for it) and its entries. */
interface Folder {
  readonly real: string;
  readonly entries: Entry[];
}

/** An entry of a folder: its name as ids show it (`nameFromBytes`), and its name's bytes when they are not UTF-8. */
interface Entry {
  readonly dirent: Dirent | Dirent<Buffer>;
  readonly name: string;
  readonly raw?: Buffer;
}

/** Read a folder's real path and entries; a folder whose path is not UTF-8 is read by its bytes (`path`, a Buffer). */
async function readFolder(path: string | Buffer): Promise<Folder> {
  if (typeof path === 'string') {
    const real = await realpath(path);
    const dirents = await readdir(path, { withFileTypes: true });
    // Node reads names as UTF-8, a name that is not (a Latin-1 name from an old archive) with U+FFFD: such a folder's names are read again as bytes.
    if (!dirents.some((dirent) => dirent.name.includes('\ufffd'))) return { real, entries: dirents.map((dirent) => ({ dirent, name: dirent.name })) };
    return { real, entries: entriesOf(await readdir(path, { withFileTypes: true, encoding: 'buffer' })) };
  }
  const { name, isUtf8 } = nameFromBytes(await realpath(path, { encoding: 'buffer' }));
  const dirents = await readdir(path, { withFileTypes: true, encoding: 'buffer' });
  // A real path that is not UTF-8 is kept apart from every real path that is.
  return { real: isUtf8 ? name : `\u0000${name}`, entries: entriesOf(dirents) };
}

function entriesOf(dirents: readonly Dirent<Buffer>[]): Entry[] {
  return dirents.map((dirent) => {
    const { name, isUtf8 } = nameFromBytes(dirent.name);
    return isUtf8 ? { dirent, name } : { dirent, name, raw: dirent.name };
  });
}

/** The documents found under a corpus root (`findDocuments`). */
export interface FoundDocuments {
  readonly files: DocumentFile[];
  readonly issues: Issue[];
  /** False when the root itself could not be opened or read: no file is known. */
  readonly isListed: boolean;
  /** The ids of the sub-folders that could not be read (each an issue too): what they hold is not known, not gone. */
  readonly unlisted: readonly string[];
}

/** The folder of the run state that a run, a merge or `hsframe report` keeps in its output folder. */
export const RUN_STATE_FOLDER = '.hsframe';
/** The report a run, a merge or `hsframe report` writes beside the run state, the one output a document's extension names. */
const RUN_REPORT_FILE = 'report.html';

/**
 * Find the documents under `root` (a folder, searched recursively, or one file), sorted by id.
 * Symlinks are followed once; a loop is reported, not followed. A folder reached both through
 * a symbolic link and without one is read by the path without one. Hidden files are skipped, and so
 * are the folders and files in `skip` (by real path: a run's output folder within its corpus, and
 * what it writes there) and any other hsframe output folder (one that holds `RUN_STATE_FOLDER`; the
 * corpus folder itself, when one, keeps only its report.html out). A broken link is reported unless its id is excluded or its name has an
 * extension that is not a document's: it is passed over as the file it names would be. A file
 * or folder whose name is not UTF-8 is read by its bytes, its id writing each byte that is not
 * as `%XX` (`nameFromBytes`), with a warning. With `include`, only the files whose ids match one
 * of its globs are documents; then those that match one of `exclude` are left out. `isListed`
 * is false when `root` itself could not be opened or read (its issue says why): then no file
 * is known, and a run must not take the corpus for empty.
 */
export async function findDocuments(root: string, extensions: readonly string[], exclude: readonly string[] = [], skip: readonly string[] = [], include: readonly string[] = []): Promise<FoundDocuments> {
  const isLeftOut = leftOutBy(include, exclude);
  const isFolderLeftOut = folderLeftOutBy(include, exclude);
  const files: DocumentFile[] = [];
  const issues: Issue[] = [];
  const unlisted: string[] = [];
  const absolute = resolve(root);
  let info;
  try {
    info = await stat(absolute);
  } catch (error) {
    return { files, issues: [makeIssue('PATH_NOT_FOUND', root, `cannot open: ${reasonOf(error)}`, { stage: 'ingest' })], isListed: false, unlisted };
  }
  if (!info.isDirectory()) return { files: [{ id: absolute.split(sep).pop()!, path: absolute }], issues, isListed: true, unlisted };
  let isListed = true;
  // Paths to skip that do not exist (yet) have nothing to skip.
  const skipped = new Set((await Promise.all(skip.map((path) => realpath(path).catch(() => undefined)))).filter((path) => path !== undefined));
  // The folders that hold a path to skip: only their files are looked up in `skipped`.
  const skippedIn = new Set([...skipped].map((path) => dirname(path)));
  const seen = new Set<string>();
  // The real path and entries of the next few sub-folders are asked for before the walk reaches
  // them (p-limit bounds the calls in flight): their round trips to the disk overlap, while the
  // walk still takes each folder in order, so which path of a folder reached twice counts is the same.
  const limit = pLimit(FOLDERS_AT_ONCE);
  const look = (folder: string | Buffer): Promise<Folder> => {
    const looked = limit(() => readFolder(folder));
    // A failure is reported when the walk reaches the folder; until then it is not an unhandled rejection.
    looked.catch(() => undefined);
    return looked;
  };
  // `folder`: the folder's path as text (`DocumentFile.path`); `folderBytes`: its bytes when a name in it is not UTF-8.
  // `folderId`: the folder's id (its path from the root, `/` between names; '' for the root), to which its entries' names are added.
  const walk = async (folder: string, folderBytes: Buffer | undefined, folderId: string, looked: Promise<Folder>, ancestors: readonly string[]): Promise<void> => {
    let real: string;
    let entries: Entry[];
    try {
      ({ real, entries } = await looked);
    } catch (error) {
      // The rest of the corpus is still listed.
      issues.push(makeIssue('FILE_UNREADABLE', folder === absolute ? root : folderId, `cannot read folder: ${reasonOf(error)}`, { stage: 'ingest' }));
      if (folder === absolute) isListed = false;
      else unlisted.push(folderId);
      return;
    }
    if (ancestors.includes(real)) {
      issues.push(makeIssue('FILE_UNREADABLE', folderId, 'symbolic link loop: it points to a folder that contains it; not followed', { stage: 'ingest' }));
      return;
    }
    if (skipped.has(real) && folder !== absolute) return;
    if (seen.has(real)) {
      issues.push(makeIssue('FOLDER_ALREADY_READ', folderId, 'this folder was already read through another path (a symbolic link); its documents are scored once', { stage: 'ingest' }));
      return;
    }
    seen.add(real);
    // Another run's output folder within the corpus (it holds the run state, `.hsframe/`): its tables and report.html are no documents.
    const isRunOutput = entries.some((entry) => entry.name === RUN_STATE_FOLDER && entry.dirent.isDirectory());
    if (folder !== absolute && isRunOutput) return;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // A name read from a folder holds no separator and is never `.` or `..`: joined without `join`'s normalising.
    const inFolder = folder.endsWith(sep) ? folder : `${folder}${sep}`;
    const inFolderBytes = folderBytes && (folder.endsWith(sep) ? folderBytes : Buffer.concat([folderBytes, Buffer.from(sep)]));
    // What an entry is opened by: its path, or its path's bytes when a name in it is not UTF-8.
    const pathsOf = ({ name, raw }: Entry): [path: string, bytes: Buffer | undefined] => [inFolder + name, inFolderBytes || raw ? Buffer.concat([inFolderBytes ?? Buffer.from(inFolder), raw ?? Buffer.from(name)]) : undefined];
    const hasSkipped = skippedIn.has(real);
    // Sub-folders (not links to them) in order; each is looked at once the walk is within FOLDERS_AT_ONCE of it.
    const subFolders = entries.filter((entry) => entry.dirent.isDirectory() && !entry.name.startsWith('.') && !isFolderLeftOut(idIn(folderId, entry.name))).map((entry) => pathsOf(entry));
    const ahead: Promise<Folder>[] = [];
    let nextSub = 0;
    for (const entry of entries) {
      const { dirent, name } = entry;
      if (name.startsWith('.')) continue;
      // A corpus folder that an earlier run wrote into keeps that run's report.html, which is no document.
      if (isRunOutput && name === RUN_REPORT_FILE) continue;
      const [path, bytes] = pathsOf(entry);
      const id = idIn(folderId, name);
      let isDirectory = dirent.isDirectory();
      // A folder whose every document include and exclude leave out is not read (nor a link to one followed).
      if (isDirectory && isFolderLeftOut(id)) continue;
      const extension = extname(name).toLowerCase();
      if (dirent.isSymbolicLink()) {
        try {
          const target = await stat(bytes ?? path);
          isDirectory = target.isDirectory();
          if (isDirectory && isFolderLeftOut(id)) continue;
        } catch (error) {
          if (!isLeftOut(id) && (extension === '' || extensions.includes(extension))) issues.push(makeIssue('FILE_UNREADABLE', id, `broken symbolic link: ${reasonOf(error)}`, { stage: 'ingest' }));
          continue;
        }
      }
      // A folder walked or a file listed whose name is not UTF-8 is named in a warning.
      const noteName = () => entry.raw && issues.push(makeIssue('FILE_NAME_NOT_UTF8', id, `the name of this ${isDirectory ? 'folder' : 'file'} is not valid UTF-8: its id shows each byte that is not as %XX; rename it in UTF-8 for a readable id`, { stage: 'ingest' }));
      if (isDirectory && dirent.isDirectory()) {
        // A sub-folder is looked at ahead of the walk.
        for (let i = nextSub; i < Math.min(subFolders.length, nextSub + FOLDERS_AT_ONCE); i++) ahead[i] ??= look(subFolders[i][1] ?? subFolders[i][0]);
        noteName();
        await walk(path, bytes, id, ahead[nextSub++], [...ancestors, real]);
      } else if (isDirectory) {
        // A link to a folder is walked once every folder reached without one has been, so a folder keeps its own path's ids whatever links to it.
        linked.push(() => {
          noteName();
          return walk(path, bytes, id, look(bytes ?? path), [...ancestors, real]);
        });
      }
      // Not a folder: a regular file, or a FIFO, socket or device named as a document, which reading refuses by name.
      else if (extensions.includes(extension) && !(hasSkipped && !bytes && skipped.has(join(real, name))) && !isLeftOut(id)) {
        noteName();
        files.push(bytes ? { id, path, rawPath: bytes } : { id, path });
      }
    }
  };
  const linked: (() => Promise<void>)[] = [];
  await walk(absolute, undefined, '', look(absolute), []);
  // In the order the walk met them; those met within them come after.
  for (let i = 0; i < linked.length; i++) await linked[i]();
  files.sort((a, b) => compareText(a.id, b.id));
  return { files: withoutSameIds(files, issues), issues, isListed, unlisted };
}

/**
 * `files` (sorted by id) without a file whose path is not UTF-8 and whose id, with those bytes
 * written `%XX`, is the id of another file (one really named `R%E8glement.txt`): reported.
 */
function withoutSameIds(files: DocumentFile[], issues: Issue[]): DocumentFile[] {
  return files.filter((file, index) => {
    const isShared = files[index - 1]?.id === file.id || files[index + 1]?.id === file.id;
    if (!isShared || !file.rawPath) return true;
    // Its warning (FILE_NAME_NOT_UTF8), when its own name has one, gives way to the error.
    const warning = issues.findIndex((issue) => issue.code === 'FILE_NAME_NOT_UTF8' && issue.file === file.id);
    if (warning >= 0) issues.splice(warning, 1);
    issues.push(makeIssue('FILE_UNREADABLE', file.id, 'cannot read file: its name is not valid UTF-8, and its id (each byte that is not written %XX) is the name of another file; rename it in UTF-8 to score it', { stage: 'ingest' }));
    return false;
  });
}

/** The id of the entry `name` of the folder whose id is `folderId` (the root's: ''). */
function idIn(folderId: string, name: string): string {
  return folderId === '' ? name : `${folderId}/${name}`;
}
