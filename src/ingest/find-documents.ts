import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import pLimit from 'p-limit';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { Issue } from '../document.js';
import { makeIssue, reasonOf } from '../issues.js';
import { compareText } from '../compare-text.js';

/** A file to score: its absolute path and its id (path relative to the corpus root, `/`-separated). */
export interface DocumentFile {
  readonly id: string;
  readonly path: string;
}

/** Folders whose real path and entries are asked for at once. */
const FOLDERS_AT_ONCE = 16;

/** A folder as the walk reads it: its real path (symbolic links resolved) and its entries. */
interface Folder {
  readonly real: string;
  readonly entries: Dirent[];
}

/**
 * Find the documents under `root` (a folder, searched recursively, or one file), sorted by id.
 * Symlinks are followed once; a loop is reported, not followed. Hidden files are skipped, and so
 * are the folders and files in `skip` (by real path: a run's output folder within its corpus, and
 * what it writes there). A broken link is reported unless its id is excluded or its name has an
 * extension that is not a document's: it is passed over as the file it names would be.
 */
export async function findDocuments(root: string, extensions: readonly string[], exclude: readonly string[] = [], skip: readonly string[] = []): Promise<{ files: DocumentFile[]; issues: Issue[] }> {
  const excluded = exclude.map(globToRegExp);
  const isExcluded = (id: string) => excluded.some((pattern) => pattern.test(id));
  const files: DocumentFile[] = [];
  const issues: Issue[] = [];
  const absolute = resolve(root);
  let info;
  try {
    info = await stat(absolute);
  } catch (error) {
    return { files, issues: [makeIssue('PATH_NOT_FOUND', root, `cannot open: ${reasonOf(error)}`, { stage: 'ingest' })] };
  }
  if (!info.isDirectory()) return { files: [{ id: absolute.split(sep).pop()!, path: absolute }], issues };
  // Paths to skip that do not exist (yet) have nothing to skip.
  const skipped = new Set((await Promise.all(skip.map((path) => realpath(path).catch(() => undefined)))).filter((path) => path !== undefined));
  // The folders that hold a path to skip: only their files are looked up in `skipped`.
  const skippedIn = new Set([...skipped].map((path) => dirname(path)));
  const seen = new Set<string>();
  // The real path and entries of the next few sub-folders are asked for before the walk reaches
  // them (p-limit bounds the calls in flight): their round trips to the disk overlap, while the
  // walk still takes each folder in order, so which path of a folder reached twice counts is the same.
  const limit = pLimit(FOLDERS_AT_ONCE);
  const look = (folder: string): Promise<Folder> => {
    const looked = limit(async () => ({ real: await realpath(folder), entries: await readdir(folder, { withFileTypes: true }) }));
    // A failure is reported when the walk reaches the folder; until then it is not an unhandled rejection.
    looked.catch(() => undefined);
    return looked;
  };
  // `folderId`: the folder's id (its path from the root, `/` between names; '' for the root), to which its entries' names are added.
  const walk = async (folder: string, folderId: string, looked: Promise<Folder>, ancestors: readonly string[]): Promise<void> => {
    let real: string;
    let entries: Dirent[];
    try {
      ({ real, entries } = await looked);
    } catch (error) {
      // The rest of the corpus is still listed.
      issues.push(makeIssue('FILE_UNREADABLE', folder === absolute ? root : folderId, `cannot read folder: ${reasonOf(error)}`, { stage: 'ingest' }));
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
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Sub-folders (not links to them) in order; each is looked at once the walk is within FOLDERS_AT_ONCE of it.
    // A name read from a folder holds no separator and is never `.` or `..`: joined without `join`'s normalising.
    const inFolder = folder.endsWith(sep) ? folder : `${folder}${sep}`;
    const hasSkipped = skippedIn.has(real);
    const subFolders = entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => inFolder + entry.name);
    const ahead: Promise<Folder>[] = [];
    let nextSub = 0;
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = inFolder + entry.name;
      const id = idIn(folderId, entry.name);
      if (entry.name.includes('\ufffd')) {
        // Node reads a name's bytes as UTF-8: one that is not (a Latin-1 name from an old archive) comes back with U+FFFD and cannot be opened by it.
        const extension = extname(entry.name).toLowerCase();
        if (!isExcluded(id) && (entry.isDirectory() || extension === '' || extensions.includes(extension))) issues.push(makeIssue('FILE_UNREADABLE', id, `cannot read ${entry.isDirectory() ? 'folder' : 'file'}: its name is not valid UTF-8 (shown with �); rename it in UTF-8 to score it`, { stage: 'ingest' }));
        continue;
      }
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          isDirectory = target.isDirectory();
        } catch (error) {
          const extension = extname(entry.name).toLowerCase();
          if (!isExcluded(id) && (extension === '' || extensions.includes(extension))) issues.push(makeIssue('FILE_UNREADABLE', id, `broken symbolic link: ${reasonOf(error)}`, { stage: 'ingest' }));
          continue;
        }
      }
      if (isDirectory && entry.isDirectory()) {
        for (let i = nextSub; i < Math.min(subFolders.length, nextSub + FOLDERS_AT_ONCE); i++) ahead[i] ??= look(subFolders[i]);
        await walk(path, id, ahead[nextSub++], [...ancestors, real]);
      } else if (isDirectory) await walk(path, id, look(path), [...ancestors, real]);
      // Not a folder: a regular file, or a FIFO, socket or device named as a document, which reading refuses by name.
      else if (extensions.includes(extname(entry.name).toLowerCase()) && !(hasSkipped && skipped.has(join(real, entry.name)))) {
        if (!isExcluded(id)) files.push({ id, path });
      }
    }
  };
  await walk(absolute, '', look(absolute), []);
  files.sort((a, b) => compareText(a.id, b.id));
  return { files, issues };
}

/** The id of the entry `name` of the folder whose id is `folderId` (the root's: ''). */
function idIn(folderId: string, name: string): string {
  return folderId === '' ? name : `${folderId}/${name}`;
}

/** A glob over ids: `*` any characters but `/`, `**` followed by `/` any folders or none, a final `**` anything, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      // `**/` is any folders or none; a final `**` is anything below.
      const isFolders = glob[i + 2] === '/';
      source += isFolders ? '(?:.*/)?' : '.*';
      i += isFolders ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
