#!/usr/bin/env node
import { makeIssue, reasonOf } from '../issues.js';
import { argumentBytes, argumentNotUtf8, notUtf8Message } from './argument-bytes.js';
import { EXIT, formatIssue } from './io.js';
import { run } from './main.js';

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
