#!/usr/bin/env node
// CPU and wall time of an atomic write (temp file, then rename) of one small file, blocking
// against asynchronous calls (stored results were written so, a file each, before packs).
// Usage: node scripts/write-cost.mjs [--files N] [--bytes N] [--dir DIR]
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { files: { type: 'string', default: '2000' }, bytes: { type: 'string', default: '15000' }, dir: { type: 'string', default: tmpdir() } } });
const [files, data] = [Number(values.files), 'x'.repeat(Number(values.bytes))];
const cpuMs = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
const work = mkdtempSync(join(values.dir, 'hsframe-write-cost-'));
const writers = {
  blocking: async (path) => { writeFileSync(`${path}.tmp`, data); renameSync(`${path}.tmp`, path); },
  asynchronous: async (path) => { await writeFile(`${path}.tmp`, data); await rename(`${path}.tmp`, path); },
};
try {
  // Alternated twice, into 256 sub-folders as the result store does.
  for (const name of [...Object.keys(writers), ...Object.keys(writers)]) {
    const dir = join(work, name);
    for (let sub = 0; sub < 256; sub++) mkdirSync(join(dir, sub.toString(16)), { recursive: true });
    const [cpu, wall] = [cpuMs(), performance.now()];
    for (let i = 0; i < files; i++) await writers[name](join(dir, (i % 256).toString(16), `f${i}`));
    console.log(`${name.padEnd(12)} CPU ${((cpuMs() - cpu) / files).toFixed(3)} ms a file, wall ${((performance.now() - wall) / files).toFixed(3)} ms (${files} files of ${data.length} bytes)`);
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
