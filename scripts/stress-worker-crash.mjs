#!/usr/bin/env node
// Stress the worker pool's crash handling under CPU load: a stand-in worker answers each
// document with its text and crashes on "crash"; every answered document must come back as
// answered, and only the crashing ones as crashed, however the threads are scheduled.
// Busy processes (one per core, plus one) keep the machine loaded meanwhile.
// Usage: npm run build && node scripts/stress-worker-crash.mjs [--rounds N]
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_INGEST_SETTINGS } from '../dist/ingest/index.js';
import { WorkerPool } from '../dist/pipeline/worker-pool.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '40' } } });
const script = new URL('../test/pipeline/fixtures/crash-worker.mjs', import.meta.url).pathname;
// Documents sent at once go in batches: two crashes, each in a batch of several.
const texts = Array.from({ length: 40 }, (_, index) => (index === 1 || index === 13 || index === 30 ? 'crash' : `doc ${index}`));
const expected = texts.map((text) => (text === 'crash' ? 'INTERNAL_ERROR' : 'ECHO')).join(',');

const load = Array.from({ length: availableParallelism() + 1 }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
let wrong = 0;
try {
  for (let round = 0; round < Number(values.rounds); round++) {
    const pool = await WorkerPool.create(1, { lexicons: [], tokeniser: 'scan.v1', ingest: DEFAULT_INGEST_SETTINGS }, script);
    try {
      const outcomes = await Promise.all(texts.map((text, index) => pool.score({ id: `doc-${index}`, path: `/x/${index}` }, { sha256: 'sha', bytes: new TextEncoder().encode(text) })));
      const codes = outcomes.map(({ outcome }) => (outcome.issue ? outcome.issue.code : 'SCORED')).join(',');
      if (codes !== expected) {
        wrong += 1;
        console.log(`round ${round + 1}: ${codes}`);
      }
    } finally {
      await pool.close();
    }
  }
} finally {
  for (const busy of load) busy.kill();
}
console.log(`${wrong} of ${values.rounds} rounds reported a document wrongly`);
process.exitCode = wrong > 0 ? 1 : 0;
