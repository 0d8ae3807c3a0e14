#!/usr/bin/env node
// How much two cores give on this machine to work that shares nothing: the same loop in one
// process alone, then in two processes at once, each doing the whole loop. Two loops: one that
// works in registers and reads no memory ("compute"), and one that follows a random chain
// through an array of the given size ("reads", a working set the size of the tokeniser's and
// the classifier's tables). On a machine whose two cores are truly its own, both give 2.00×;
// a virtual machine whose cores share a physical core, its caches or its time with other
// machines gives less: what these loops lose is the host's, as nothing else of theirs is shared.
// The rounds alternate one and two processes; each child times its own loop, started at an agreed
// moment after its warm-up, so process start and compilation are not counted.
// Usage: node scripts/core-scaling.mjs [--rounds N] [--seconds S] [--mb 1,4,16]
import { execFile } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';

const run = promisify(execFile);
const script = new URL(import.meta.url).pathname;

/** Steps of each loop per calibration run: a millisecond or more. */
const CALIBRATION_STEPS = 1 << 20;

/** The register loop: eight integers that depend on each other in two chains. Returns a value so nothing is left out. */
function compute(steps) {
  // Eight separate declarations: V8 does not keep destructured ones in registers.
  let a = 1;
  let b = 2;
  let c = 3;
  let d = 4;
  let e = 5;
  let f = 6;
  let g = 7;
  let h = 8;
  for (let i = 0; i < steps; i++) {
    a = (a + i) | 0;
    b = (b ^ a) | 0;
    c = (c + b) | 0;
    d = (d ^ c) | 0;
    e = (e + i) | 0;
    f = (f ^ e) | 0;
    g = (g + f) | 0;
    h = (h ^ g) | 0;
  }
  return (a + b + c + d + e + f + g + h) | 0;
}

/** A random cycle through every slot of an array of `mb` megabytes (Sattolo's shuffle), from a fixed seed. */
function chain(mb) {
  const next = new Int32Array((mb * (1 << 20)) / 4);
  for (let i = 0; i < next.length; i++) next[i] = i;
  let seed = 1;
  for (let i = next.length - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const j = seed % i;
    [next[i], next[j]] = [next[j], next[i]];
  }
  return next;
}

/** The read loop: `steps` steps along the chain; each read waits for the one before. */
function reads(next, steps) {
  let at = 0;
  for (let i = 0; i < steps; i++) at = next[at];
  return at;
}

/** The loop of `kernel` as a function of its steps. */
function loopOf(kernel, mb) {
  if (kernel === 'compute') return compute;
  const next = chain(mb);
  return (steps) => reads(next, steps);
}

/** Run the loop `CALIBRATION_STEPS` steps at a time for `ms` milliseconds at least (warms it up); the ns a step of the last run. */
function warmUp(loop, ms) {
  const until = performance.now() + ms;
  let perStep;
  do {
    const from = performance.now();
    loop(CALIBRATION_STEPS);
    perStep = ((performance.now() - from) * 1e6) / CALIBRATION_STEPS;
  } while (performance.now() < until);
  return perStep;
}

/** In a child: warm up, wait until `startAt` (ms since the epoch), time `steps` steps of the loop; print ns a step. */
function child({ kernel, mb, steps, startAt }) {
  const loop = loopOf(kernel, mb);
  warmUp(loop, 200);
  while (Date.now() < startAt);
  const from = performance.now();
  const sink = loop(steps);
  process.stdout.write(`${((performance.now() - from) * 1e6) / steps} ${sink}\n`);
}

/** Run `count` children of one kernel at once, each `steps` steps; their ns a step. */
async function together(count, kernel, mb, steps) {
  const startAt = Date.now() + 1000;
  const args = JSON.stringify({ kernel, mb, steps, startAt });
  const outputs = await Promise.all(Array.from({ length: count }, () => run(process.execPath, [script, '--child', args])));
  return outputs.map(({ stdout }) => Number(stdout.split(' ')[0]));
}

/**
 * How much two cores gave a loop at this moment: one process alone, then two at once, each
 * timing `steps` steps; twice the time alone over the slower one's time (2.00: two whole cores).
 */
export async function twoCoreRatio(kernel, mb, steps) {
  const [one] = await together(1, kernel, mb, steps);
  const both = await together(2, kernel, mb, steps);
  return { ratio: (2 * one) / Math.max(...both), alone: one };
}

/** Steps of a loop for about `seconds`, from this process's own warmed-up loop. */
export function stepsFor(kernel, mb, seconds) {
  return Math.round((seconds * 1e9) / warmUp(loopOf(kernel, mb), 300));
}

const isMain = process.argv[1] === script;
const { values } = parseArgs({ args: isMain ? process.argv.slice(2) : [], options: { child: { type: 'string' }, rounds: { type: 'string', default: '3' }, seconds: { type: 'string', default: '1' }, mb: { type: 'string', default: '1,4,16' } } });
if (values.child) {
  child(JSON.parse(values.child));
} else if (isMain) {
  const rounds = Number(values.rounds);
  const kernels = [['compute', 0], ...values.mb.split(',').map((mb) => ['reads', Number(mb)])];
  console.log(`Two processes at once against one alone, ${rounds} alternated rounds of about ${values.seconds} s a loop; 2.00× is two whole cores.`);
  for (const [kernel, mb] of kernels) {
    const steps = stepsFor(kernel, mb, Number(values.seconds));
    const ratios = [];
    let alone = Infinity;
    for (let round = 0; round < rounds; round++) {
      const measured = await twoCoreRatio(kernel, mb, steps);
      ratios.push(measured.ratio);
      alone = Math.min(alone, measured.alone);
    }
    const name = kernel === 'compute' ? 'compute (registers only)' : `reads, ${mb} MB`;
    console.log(`${name.padEnd(26)} ${alone.toFixed(2)} ns a step alone; two at once: ${ratios.map((ratio) => `${ratio.toFixed(2)}×`).join(', ')}`);
  }
}
