import { realpath, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Issue } from '../document.js';
import { makeIssue, reasonOf } from '../issues.js';
import { writeFileAtomic } from '../output/index.js';

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** True when standard error is a terminal (progress bars instead of log lines). */
  readonly isTerminal?: boolean;
  /** Standard input, read by `score -`; none: as if empty. */
  readonly stdin?: AsyncIterable<Uint8Array>;
}

/** Exit codes (S15): 0 all scored, 1 some input failed, 2 unusable arguments, pipeline or lexicon. */
export const EXIT = Object.freeze({ ok: 0, inputErrors: 1, fatal: 2 });

/** `path:line:column  CODE  message` (S15), on one line: a line break or other control character in a name or message is written as an escape (`\n`, `\x1b`). */
export function formatIssue(issue: Issue): string {
  const where = [issue.file, issue.line, issue.column].filter((part) => part !== undefined).join(':');
  return oneLine(`${where}  ${issue.code}  ${issue.severity === 'error' ? '' : `${issue.severity}: `}${issue.message}`);
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with line breaks and other control characters written as escapes (`\n`, `\x1b`), so that it prints as one line and cannot steer a terminal. */
export function oneLine(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, (char) => ESCAPES[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Print issues to stderr, one a line. */
export function reportIssues(io: CliIo, issues: readonly Issue[]): void {
  for (const issue of issues) io.stderr(`${formatIssue(issue)}\n`);
}

/** A usage problem: message plus the hint to read --help. */
export function usageError(io: CliIo, command: string, message: string): number {
  io.stderr(`hsframe ${command}: ${message}\nRun "hsframe ${command} --help" for usage.\n`);
  return EXIT.fatal;
}

/**
 * Write a file the user named (`--out`): through a symbolic link to its target, atomically
 * (temp file and rename) when it is or will be a regular file, and straight into a device,
 * FIFO or terminal (`/dev/stdout`), as a shell redirection would, rather than replacing it.
 */
export async function writeNamedFile(path: string, data: string): Promise<void> {
  const target = await realpath(path).catch(() => path);
  const info = await stat(target).catch(() => undefined);
  if (info && !info.isFile() && !info.isDirectory()) return writeFile(target, data);
  await writeFileAtomic(target, data);
}

/** Write a file the user named (`writeNamedFile`, `name` as given, resolved from `io.cwd`); false, with `OUTPUT_WRITE_FAILED` reported, when it cannot be written. */
export async function writeOutputFile(io: CliIo, name: string, data: string): Promise<boolean> {
  try {
    await writeNamedFile(resolve(io.cwd, name), data);
    return true;
  } catch (error) {
    reportIssues(io, [makeIssue('OUTPUT_WRITE_FAILED', name, `cannot write: ${reasonOf(error)}`)]);
    return false;
  }
}

/** True when `out` exists and is the same file as one of `inputs` (paths, followed through links). */
export async function isOneOf(out: string, inputs: readonly string[]): Promise<boolean> {
  const target = await realpath(out).catch(() => undefined);
  if (target === undefined) return false;
  for (const input of inputs) if ((await realpath(input).catch(() => input)) === target) return true;
  return false;
}
