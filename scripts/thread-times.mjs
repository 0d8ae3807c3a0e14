// CPU time of each thread of this process, from Linux's /proc: the main thread first, then the
// others (workers, V8's helpers, libuv's pool) in the order /proc lists them.
import { readdirSync, readFileSync } from 'node:fs';

/** `{ task, user, system }` per thread: its id and its user and system CPU seconds so far. */
export function threadTimes() {
  return readdirSync('/proc/self/task').map((task) => {
    const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { task, user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
  });
}
