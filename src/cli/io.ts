import type { Issue } from '../document.js';

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** True when standard error is a terminal (progress bars instead of log lines). */
  readonly isTerminal?: boolean;
}

/** Exit codes (S15): 0 all scored, 1 some input failed, 2 unusable arguments, pipeline or lexicon. */
export const EXIT = Object.freeze({ ok: 0, inputErrors: 1, fatal: 2 });

/** `path:line:column  CODE  message` (S15). */
export function formatIssue(issue: Issue): string {
  const where = [issue.file, issue.line, issue.column].filter((part) => part !== undefined).join(':');
  return `${where}  ${issue.code}  ${issue.severity === 'error' ? '' : `${issue.severity}: `}${issue.message}`;
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
