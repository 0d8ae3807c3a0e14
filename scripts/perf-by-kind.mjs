#!/usr/bin/env node
// Where the CPU of recorded runs went, by kind of code: CPU seconds of each `perf record` data
// file, from its samples (`--freq`: the rate it was recorded at), in columns side by side, to
// compare e.g. a run pinned to one core with a two-thread run of the same corpus. Record with
// `node --perf-basic-prof-only-functions` so that JIT-compiled functions are named.
// Kinds: JavaScript compiled by V8 (JIT); V8's optimising compiler; V8's heap and garbage
// collector; V8's builtins (Map lookups, inline caches, string operations); the rest of the node
// binary; C and C++ libraries; the kernel, with ext4's inode allocation apart (on a file system
// without a journal it skips inodes freed in the last minute, one lookup each).
// Usage: node scripts/perf-by-kind.mjs [--freq HZ] [--symbols N] A.data [B.data ...]
//   e.g. perf record -F 499 -o pinned.data taskset -c 0 node --perf-basic-prof-only-functions \
//          dist/cli/bin.js run --corpus DIR --out OUT --force --quiet --concurrency 1
// --symbols N also lists the N symbols whose CPU grew most from the first file to each other one
// (a JIT-compiled function's samples can fall on code perf cannot name, so compare its kinds first).
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values, positionals: files } = parseArgs({ options: { freq: { type: 'string', default: '499' }, symbols: { type: 'string', default: '0' } }, allowPositionals: true });
if (files.length === 0) {
  console.error('usage: node scripts/perf-by-kind.mjs [--freq HZ] [--symbols N] A.data [B.data ...]');
  process.exit(2);
}
const hz = Number(values.freq);

/** The kind of code a sample's shared object and symbol belong to. */
function kindOf(dso, symbol) {
  if (dso.startsWith('[JIT]')) return 'JavaScript (JIT)';
  if (dso === '[kernel.kallsyms]') return /recently_deleted|find_inode_bit|find_get_block_common|__brelse|ext4_get_group_desc|_find_next_zero_bit/.test(symbol) ? 'kernel: ext4 inode allocation' : 'kernel: the rest';
  if (dso !== 'node') return 'C and C++ libraries';
  if (/compiler::|Turbofan|Maglev/.test(symbol)) return 'V8 optimising compiler';
  if (/Scaveng|Mark|Sweep|Heap|GC|Evacuat|Compactor|MemoryChunk|Allocat/.test(symbol)) return 'V8 heap and garbage collection';
  if (symbol.includes('Builtins_')) return 'V8 builtins';
  return 'node: the rest';
}

/** Samples by symbol (`dso<TAB>symbol`) of one data file. */
function samplesOf(file) {
  const report = execFileSync('perf', ['report', '-i', file, '--sort', 'dso,sym', '--stdio', '-F', 'sample,dso,sym'], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
  const samples = new Map();
  for (const line of report.split('\n')) {
    const match = /^\s*(\d+)\s+(\[JIT\] tid \d+|\S+)\s+\[[.k]\]\s+(.*)$/.exec(line);
    if (!match) continue;
    // JIT'd functions are named per thread and per tier: one name for all.
    const dso = match[2].startsWith('[JIT]') ? '[JIT]' : match[2];
    const symbol = match[3].trim().replace(/^JS:[*~^]?/, 'JS:');
    const key = `${dso}\t${symbol}`;
    samples.set(key, (samples.get(key) ?? 0) + Number(match[1]));
  }
  return samples;
}

const runs = files.map((file) => ({ file, samples: samplesOf(file) }));
const byKind = runs.map(({ samples }) => {
  const kinds = new Map();
  for (const [key, count] of samples) {
    const [dso, symbol] = key.split('\t');
    const kind = kindOf(dso, symbol);
    kinds.set(kind, (kinds.get(kind) ?? 0) + count);
  }
  return kinds;
});
const kinds = [...new Set(byKind.flatMap((kindsOfRun) => [...kindsOfRun.keys()]))].sort((a, b) => (byKind[0].get(b) ?? 0) - (byKind[0].get(a) ?? 0));
const seconds = (count) => ((count ?? 0) / hz).toFixed(2);
const width = Math.max(...files.map((file) => file.length), 8);
console.log(`CPU seconds by kind (samples / ${hz} Hz)`);
console.log(['kind'.padEnd(32), ...files.map((file) => file.padStart(width))].join(' '));
for (const kind of kinds) console.log([kind.padEnd(32), ...byKind.map((kindsOfRun) => seconds(kindsOfRun.get(kind)).padStart(width))].join(' '));
console.log(['in all'.padEnd(32), ...runs.map(({ samples }) => seconds([...samples.values()].reduce((sum, count) => sum + count, 0)).padStart(width))].join(' '));

const listed = Number(values.symbols);
for (const { file, samples } of runs.slice(1).filter(() => listed > 0)) {
  const first = runs[0].samples;
  const growth = [...new Set([...first.keys(), ...samples.keys()])].map((key) => [(samples.get(key) ?? 0) - (first.get(key) ?? 0), key]).sort((a, b) => b[0] - a[0]);
  console.log(`\nGrew most from ${runs[0].file} to ${file} (CPU seconds):`);
  for (const [count, key] of growth.slice(0, listed)) console.log(`  +${seconds(count)}  ${key.replace('\t', ' ')}`);
}
