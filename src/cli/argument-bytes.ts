import { readFileSync } from 'node:fs';
import { nameFromBytes } from '../ingest/file-name.js';

/**
 * The bytes of this process's command-line arguments as they were given, for `argv` (the
 * arguments after node and the script, as Node decoded them): read from Linux's
 * `/proc/self/cmdline`. Undefined where the system does not show them, or where they do not
 * decode to `argv` (then they are not the arguments of this list).
 */
export function argumentBytes(argv: readonly string[]): Buffer[] | undefined {
  let line: Buffer;
  try {
    line = readFileSync('/proc/self/cmdline');
  } catch {
    return undefined;
  }
  // Each argument ends with a NUL byte.
  const parts: Buffer[] = [];
  for (let start = 0; start < line.length; ) {
    const end = line.indexOf(0, start);
    parts.push(line.subarray(start, end < 0 ? line.length : end));
    start = end < 0 ? line.length : end + 1;
  }
  if (parts.length < argv.length) return undefined;
  const bytes = parts.slice(parts.length - argv.length);
  return bytes.every((arg, index) => arg.toString('utf8') === argv[index]) ? bytes : undefined;
}

/** The first argument whose bytes are not UTF-8: its position (from 1) and its text with each byte that is not as `%XX` (`nameFromBytes`). */
export function argumentNotUtf8(bytes: readonly Uint8Array[]): { position: number; shown: string } | undefined {
  for (const [index, arg] of bytes.entries()) {
    const { name, isUtf8 } = nameFromBytes(arg);
    if (!isUtf8) return { position: index + 1, shown: name };
  }
  return undefined;
}

/** Why an argument that is not UTF-8 cannot be used, for standard error. */
export function notUtf8Message({ position, shown }: { position: number; shown: string }): string {
  return (
    `hsframe: argument ${position} is not valid UTF-8: ${shown} (each byte that is not, as %XX). ` +
    'hsframe reads its arguments as UTF-8, so a file or folder named in another encoding cannot be opened through them: ' +
    'rename it in UTF-8, or give a symbolic link to it with a UTF-8 name.\n'
  );
}
