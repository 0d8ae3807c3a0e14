import type { Issue, Severity } from './document.js';

/** Every issue code hsframe reports, with its severity. Codes are stable between versions (S11). */
export const ISSUE_CODES = {
  // ingest
  FILE_UNREADABLE: 'error',
  FILE_EMPTY: 'error',
  FILE_TOO_LARGE: 'error',
  FILE_BINARY: 'error',
  FILE_BAD_ENCODING: 'error',
  FILE_MIXED_ENCODING: 'warning',
  FILE_PAGES_WITHOUT_TEXT: 'warning',
  FILE_NO_TEXT: 'error',
  FILE_CORRUPT: 'error',
  FILE_ENCRYPTED: 'error',
  FILE_ZIP_BOMB: 'error',
  FILE_TOO_SLOW: 'error',
  PATH_NOT_FOUND: 'error',
  LANGUAGE_NOT_SCORED: 'warning',
  FOLDER_ALREADY_READ: 'warning',
  FILE_NAME_NOT_UTF8: 'warning',
  CORPUS_EMPTY: 'warning',
  // config
  CONFIG_UNREADABLE: 'error',
  CONFIG_YAML: 'error',
  CONFIG_INVALID: 'error',
  // lexicon
  LEXICON_UNREADABLE: 'error',
  LEXICON_YAML: 'error',
  LEXICON_INVALID: 'error',
  LEXICON_EMPTY_TERM: 'error',
  LEXICON_UNMATCHABLE_TERM: 'error',
  LEXICON_DUPLICATE_TERM: 'error',
  LEXICON_DUPLICATE_CATEGORY: 'error',
  LEXICON_BAD_EXCLUSION: 'error',
  LEXICON_SHADOWED: 'warning',
  LEXICON_BROAD_WILDCARD: 'warning',
  LEXICON_UNUSED_ENTRY: 'warning',
  LEXICON_VERB_FORMS: 'info',
  LEXICON_PREFIXED_FORMS: 'info',
  LEXICON_CHANGED: 'warning',
  // gold / evaluate
  GOLD_UNREADABLE: 'error',
  GOLD_INVALID: 'error',
  GOLD_UNSCORED: 'warning',
  GOLD_UNNUMBERED: 'warning',
  GOLD_COLUMN_IGNORED: 'warning',
  // output
  OUTPUT_WRITE_FAILED: 'error',
  STORED_RESULT_LOST: 'warning',
  RUN_LOCKED: 'error',
  MERGE_INVALID: 'error',
  // internal
  INTERNAL_ERROR: 'error',
} as const satisfies Record<string, Severity>;

/** An issue code (S11). */
export type IssueCode = keyof typeof ISSUE_CODES;

/** Make an issue with the severity its code declares. */
export function makeIssue(code: IssueCode, file: string, message: string, extra: Partial<Issue> = {}): Issue {
  return { code, severity: ISSUE_CODES[code], message, file, ...extra };
}

/** True when any issue has severity `error`. */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

/** What went wrong with a file operation, for a message: the system error code (ENOENT, EACCES…) or the error's text. */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  const meaning = ERRNO_MEANINGS[code];
  return meaning ? `${code} (${meaning})` : code;
}

/** What the system errors a user meets most often mean, in words. */
const ERRNO_MEANINGS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'the disk is full',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'already exists',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
  EIO: 'input/output error',
  EBUSY: 'resource busy',
  ENXIO: 'no reader or device at the other end',
};
