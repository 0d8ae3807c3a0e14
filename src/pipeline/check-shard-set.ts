import type { Issue } from '../document.js';
import { makeIssue } from '../issues.js';
import { parseShard, type Shard } from './shard.js';

/** Missing shards named in a message; the rest are counted. */
const NAMED = 10;

/**
 * Problems with the folders to merge, from the `options.shard` of each folder's manifest
 * (`dirs[i]` has `shards[i]`): shard runs must all be `K/N` of one N, with each K from 1 to N
 * exactly once. Whole runs (shard null) may be merged with each other, not with shards.
 */
export function checkShardSet(dirs: readonly string[], shards: readonly unknown[]): Issue[] {
  const parsed = shards.map((shard) => (shard === null || shard === undefined ? null : typeof shard === 'string' ? parseShard(shard) : undefined));
  const unreadable = parsed.indexOf(undefined);
  if (unreadable >= 0) return [invalid(dirs[unreadable], `its manifest gives shard ${JSON.stringify(shards[unreadable])}, expected K/N or null`)];
  const whole = parsed.indexOf(null);
  const first = parsed.findIndex((shard) => shard !== null);
  if (first < 0) return [];
  if (whole >= 0) return [invalid(`${dirs[whole]}, ${dirs[first]}`, `${dirs[whole]} is a whole run, ${dirs[first]} is shard ${nameOf(parsed[first]!)}; a whole run cannot be merged with shards`)];
  const { count } = parsed[first]!;
  const other = parsed.findIndex((shard) => shard!.count !== count);
  if (other >= 0) return [invalid(`${dirs[first]}, ${dirs[other]}`, `${dirs[first]} is shard ${nameOf(parsed[first]!)}, ${dirs[other]} is shard ${nameOf(parsed[other]!)}`)];
  const byIndex = Array.from({ length: count }, () => [] as string[]);
  parsed.forEach((shard, i) => byIndex[shard!.index - 1].push(dirs[i]));
  const issues = byIndex.flatMap((given, i) =>
    given.length > 1 ? [invalid(given.join(', '), `shard ${nameOf({ index: i + 1, count })} given ${given.length === 2 ? 'twice' : `${given.length} times`}`)] : [],
  );
  const missing = byIndex.flatMap((given, i) => (given.length === 0 ? [nameOf({ index: i + 1, count })] : []));
  const more = missing.length > NAMED ? ` and ${missing.length - NAMED} more` : '';
  if (missing.length > 0) issues.push(invalid([...new Set(dirs)].join(', '), `${missing.length === 1 ? 'shard' : 'shards'} ${missing.slice(0, NAMED).join(', ')}${more} missing`));
  return issues;
}

function nameOf(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

function invalid(file: string, message: string): Issue {
  return makeIssue('MERGE_INVALID', file, message);
}
