import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'dist/cli/bin.js');

/** Result of a finished CLI process. */
export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Start the built CLI; `done` resolves when it exits. */
export function startCli(args: readonly string[]): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<Finished>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** The exit code and standard error of a child process whose standard error is piped, once it has ended. */
export function codeAndStderr(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

/** Run the built CLI to the end. */
export function runCli(args: readonly string[]): Promise<Finished> {
  return startCli(args).done;
}

/** A temp folder holding a pipeline over a corpus folder with a copy of some bundled corpus files (empty for none), and its output folder. */
export async function makeProject(files: readonly string[]): Promise<{ dir: string; corpus: string; out: string; pipeline: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'hsframe-batch-'));
  const corpus = join(dir, 'corpus');
  await mkdir(corpus);
  for (const file of files) await cp(join(ROOT, 'corpora/eu-migration', file), join(corpus, file), { recursive: true });
  const pipeline = join(dir, 'pipeline.yaml');
  const lexicons = ['security-frames.yaml', 'undp-human-security.yaml'].map((name) => join(ROOT, 'lexicons', name));
  await writeFile(pipeline, `name: batch\ncorpus: corpus\nlexicons: [${lexicons.join(', ')}]\noutput: out\noptions:\n  concurrency: 1\n`);
  return { dir, corpus, out: join(dir, 'out'), pipeline };
}

/** Every file under a folder, relative, sorted (hidden ones included). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1)).sort();
}

/** A text of about `bytes` bytes, in paragraphs of twenty sentences and few matches (the tables stay small). */
export const textOfSize = (bytes: number) => `${'The committee met on Tuesday to discuss the agenda. '.repeat(20)}Border control.\n\n`.repeat(Math.ceil(bytes / 1057));
