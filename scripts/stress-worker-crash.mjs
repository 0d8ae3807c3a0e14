#!/usr/bin/env node
// Stress the worker pool's crash handling under CPU load: a stand-in worker answers each
// document with its text and crashes on "crash"; every answered document must come back as
// answered, and only the crashing ones as crashed, however the threads are scheduled.
// Busy processes (one per core, plus one) keep the machine loaded meanwhile.
// Usage: npm run build && node scripts/stress-worker-crash.mjs [--rounds N]
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { WorkerPool } from '../dist/pipeline/worker-pool.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '40' } } });
const script = new URL('../test/pipeline/fixtures/crash-worker.mjs', import.meta.url).pathname;
const texts = ['one', 'crash', 'two', 'three', 'crash', 'four'];
const expected = 'ECHO,INTERNAL_ERROR,ECHO,ECHO,INTERNAL_ERROR,ECHO';

const load = Array.from({ length: availableParallelism() + 1 }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
let wrong = 0;
try {
  for (let round = 0; round < Number(values.rounds); round++) {
    const pool = await WorkerPool.create(1, { lexicons: [], tokeniser: 'scan.v1' }, script);
    try {
      const outcomes = await Promise.all(texts.map((text, index) => pool.score(`doc-${index}`, `/x/${index}`, 'sha', new TextEncoder().encode(text))));
      const codes = outcomes.map(({ outcome }) => ('issue' in outcome ? outcome.issue?.code : 'SCORED')).join(',');
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
