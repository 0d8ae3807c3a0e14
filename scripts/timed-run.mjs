// `hsframe run` in a child process, timed by GNU time (/usr/bin/time): wall seconds, CPU
// seconds (user + system of the process and all its threads), peak RSS, and with `--json` the
// seconds of its phases.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const hasGnuTime = existsSync('/usr/bin/time');
const hasTaskset = existsSync('/usr/bin/taskset');

/**
 * One `hsframe run ARGS` of the build in `dist`; NaN figures without GNU time. The disk is synced
 * first, so that the files an earlier run wrote (a forced run rewrites every stored result, 180 MB
 * on the UN corpus) are not written back in this one's time. `isOneCore` pins the process and
 * all its threads (workers, garbage collection, file system) to CPU 0. Throws when the run wrote
 * no outputs (exit code 2, or killed).
 */
export function timedRun(dist, args, { isOneCore = false } = {}) {
  spawnSync('sync');
  const node = isOneCore && hasTaskset ? ['/usr/bin/taskset', '-c', '0', process.execPath] : [process.execPath];
  const command = hasGnuTime ? ['/usr/bin/time', '-f', '%e %M %U %S', ...node] : node;
  const result = spawnSync(command[0], [...command.slice(1), join(dist, 'cli/bin.js'), 'run', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`hsframe run (${dist}) exited with ${result.status ?? result.signal}: ${result.stderr}`);
  const [seconds, rssKb, user, system] = hasGnuTime ? result.stderr.trim().split('\n').at(-1).split(' ').map(Number) : [NaN, NaN, NaN, NaN];
  return { seconds, rssMb: rssKb / 1024, cpu: user + system, phases: phasesOf(result.stdout, seconds) };
}

/**
 * A run's phases, in seconds, from its `--json` summary (absent without `--json`): `start` from
 * the process's start until scoring began (the wall time less scoring and writing), then
 * `first_document`, `scoring` and `writing` as the run gives them.
 */
function phasesOf(stdout, seconds) {
  const line = stdout.trim().split('\n').at(-1);
  if (!line?.startsWith('{')) return undefined;
  const { phases } = JSON.parse(line);
  return phases && { start: seconds - phases.scoring - phases.writing, ...phases };
}

/** The middle value (the upper one of an even count). */
export const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/** A percentage with its sign and one decimal ("+4.1", "-3.2"). */
export const signed = (percent) => `${percent > 0 ? '+' : ''}${percent.toFixed(1)}`;
