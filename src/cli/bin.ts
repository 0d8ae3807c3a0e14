#!/usr/bin/env node
import { removeLeftovers } from '../output/leftovers.js';

/** The exit code of a command that could not run (`EXIT.fatal`), here before `io.ts` is loaded. */
const FATAL = 2;

/**
 * A fault that escapes a command (a bug, or the system refusing what the process needs) ends it
 * with exit 2, as a command that could not run, never with Node's 1, which says some documents
 * failed and the others were scored: temp files are removed and the fault is named.
 */
function crash(what: string, error: unknown, isBug = true): never {
  removeLeftovers();
  // A bug's stack says where it is; the system's refusal needs only its reason.
  process.stderr.write(`hsframe: ${what}: ${error instanceof Error ? ((isBug && error.stack) || error.message) : String(error)}\n`);
  process.exit(FATAL);
}
process.on('uncaughtException', (error) => crash('internal error', error));
process.on('unhandledRejection', (error) => crash('internal error', error));

/**
 * Stopped by Ctrl-C, SIGTERM (a scheduler's time limit) or a closed terminal: every output is as
 * the last finished command left it or whole, never half-written, as with any failure. Temp
 * files not yet renamed into place and the run's lock are removed, the signal is named, and the
 * exit code is the shell's for it (128 + its number). They are removed twice, `STOP_MS` apart,
 * as a temp file whose creation was under way at the first may appear after it.
 */
const STOP_MS = 50;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.once(signal, () => {
    removeLeftovers();
    process.stderr.write(`hsframe: stopped by ${signal}: no output was left half-written; a run started again reuses the documents already scored\n`);
    // The work under way meanwhile says nothing more (it may find its temp files gone).
    for (const stream of [process.stdout, process.stderr]) stream.write = (() => true) as typeof stream.write;
    setTimeout(() => {
      removeLeftovers();
      process.exit(code);
    }, STOP_MS);
  });
}

// The rest is loaded once the handlers above are in place, so that a failure to load it (too many open files) is named too.
const [{ makeIssue, reasonOf }, { argumentBytes, argumentNotUtf8, notUtf8Message }, { EXIT, formatIssue }, { run }] = await Promise.all([
  import('../issues.js'),
  import('./argument-bytes.js'),
  import('./io.js'),
  import('./main.js'),
]).catch((error: unknown) => crash('cannot start', error, false));

/**
 * Standard output that cannot be written (a full disk, a closed terminal) ends the command with
 * exit 2 and the reason, as any output that cannot be written does; a reader that stops early
 * (`hsframe score … | head`) closes it, which ends the command quietly.
 */
function onStdoutError(error: unknown): never {
  if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`${formatIssue(makeIssue('OUTPUT_WRITE_FAILED', 'standard output', `cannot write: ${reasonOf(error)}`))}\n`);
  process.exit(EXIT.fatal);
}
process.stdout.on('error', onStdoutError);

const argv = process.argv.slice(2);
// An argument that is not UTF-8 reaches the program already changed (Node decodes it as UTF-8): refused, named by its bytes.
const notUtf8 = argumentNotUtf8(argumentBytes(argv) ?? []);
if (notUtf8) process.stderr.write(notUtf8Message(notUtf8));
process.exitCode = notUtf8 ? EXIT.fatal : await run(argv, {
  stdout: (text) => {
    try {
      process.stdout.write(text);
    } catch (error) {
      onStdoutError(error);
    }
  },
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  isTerminal: process.stderr.isTTY === true,
  stdin: process.stdin,
});
