// Bare scoring in a child process (`cpu-by-thread.mjs --part`): every file of a corpus (part
// "all") or every other one (part "0" or "1"), without the pipeline around it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const script = new URL('cpu-by-thread.mjs', import.meta.url).pathname;

/** `[wall, cpu]`: the seconds the child took to score its part, and its CPU (user + system) meanwhile. */
export async function scoreBare(part, { corpus, limit } = {}) {
  const args = [script, '--corpus', corpus, ...(limit ? ['--limit', limit] : []), '--part', part];
  const { stdout } = await promisify(execFile)(process.execPath, args);
  return stdout.trim().split(' ').map(Number);
}
