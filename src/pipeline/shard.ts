import { createHash } from 'node:crypto';

/** One slice of a corpus: shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parse `K/N` (1 ≤ K ≤ N). Returns undefined for anything else. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const [index, count] = [Number(match[1]), Number(match[2])];
  return index >= 1 && index <= count ? { index, count } : undefined;
}

/** True when a document belongs to the shard: by a hash of its id, so every run splits alike. */
export function isInShard(id: string, shard: Shard): boolean {
  const hash = createHash('sha256').update(id).digest();
  return hash.readUInt32BE(0) % shard.count === shard.index - 1;
}
