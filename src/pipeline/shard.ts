import { createHash } from 'node:crypto';

/** One slice of a corpus: shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * The most shards a corpus is split into: documents go to shards by a 32-bit hash of their id,
 * so shards beyond 2^32 would all be empty, and far fewer keep them alike in size (a shard gets
 * at least 4,294 of the hash's values, within 1 in 4,294 of its share) and a merge's list of
 * them small.
 */
export const MAX_SHARDS = 1_000_000;

/** Parse `K/N` (1 ≤ K ≤ N ≤ `MAX_SHARDS`). Returns undefined for anything else. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const [index, count] = [Number(match[1]), Number(match[2])];
  return index >= 1 && index <= count && count <= MAX_SHARDS ? { index, count } : undefined;
}

/** True when a document belongs to the shard: by a hash of its id, so every run splits alike. */
export function isInShard(id: string, shard: Shard): boolean {
  const hash = createHash('sha256').update(id).digest();
  return hash.readUInt32BE(0) % shard.count === shard.index - 1;
}
