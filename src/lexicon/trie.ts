import type { WordStream } from '../document.js';
import type { WordStep } from './word-step.js';

/** One node of the term trie; keys are word forms, lemmas or prefixes. */
interface TrieNode {
  readonly exact: Map<string, TrieNode>;
  readonly lemma: Map<string, TrieNode>;
  readonly prefix: Map<string, TrieNode>;
  /** Distinct prefix lengths under `prefix`, so a word is probed once per length. */
  prefixLengths: number[];
  /** Entry indexes that end here, in lexicon order. */
  readonly terminals: number[];
}

type Key = readonly [kind: 'exact' | 'lemma' | 'prefix', value: string];

const MAX_PATHS = 4096;

function newNode(): TrieNode {
  return { exact: new Map(), lemma: new Map(), prefix: new Map(), prefixLengths: [], terminals: [] };
}

/** A trie of term variants; `walk` finds every entry that matches from a position. */
export class TermTrie {
  private readonly root = newNode();

  /** Add one variant (a list of word steps) of entry `entry`; returns false if it expands too far. */
  add(steps: readonly WordStep[], entry: number): boolean {
    let paths: Key[][] = [[]];
    for (const step of steps) {
      const keys = stepKeys(step);
      paths = paths.flatMap((path) => keys.map((key) => [...path, key]));
      if (paths.length > MAX_PATHS) return false;
    }
    for (const path of paths) this.insert(path, entry);
    return true;
  }

  private insert(path: readonly Key[], entry: number): void {
    let node = this.root;
    for (const [kind, value] of path) {
      const children = node[kind];
      let child = children.get(value);
      if (!child) {
        child = newNode();
        children.set(value, child);
        if (kind === 'prefix' && !node.prefixLengths.includes(value.length)) {
          node.prefixLengths = [...node.prefixLengths, value.length].sort((a, b) => a - b);
        }
      }
      node = child;
    }
    if (!node.terminals.includes(entry)) node.terminals.push(entry);
  }

  /** Call `found(end, entry)` for every entry matching words `[start, end)`. */
  walk(words: WordStream, start: number, found: (end: number, entry: number) => void): void {
    this.visit(this.root, words, start, start, found);
  }

  private visit(node: TrieNode, words: WordStream, start: number, at: number, found: (end: number, entry: number) => void): void {
    if (at > start) for (const entry of node.terminals) found(at, entry);
    if (at >= words.keys.length || (at > start && words.breakBefore[at])) return;
    const key = words.keys[at];
    const exact = node.exact.get(key);
    if (exact) this.visit(exact, words, start, at + 1, found);
    const lemma = node.lemma.get(words.lemmas[at]);
    if (lemma && lemma !== exact) this.visit(lemma, words, start, at + 1, found);
    for (const length of node.prefixLengths) {
      if (length >= key.length) break;
      const child = node.prefix.get(key.slice(0, length));
      if (child) this.visit(child, words, start, at + 1, found);
    }
  }
}

function stepKeys(step: WordStep): Key[] {
  if (step.prefix !== null) return [['prefix', step.prefix]];
  const keys: Key[] = [...step.forms].map((form) => ['exact', form] as const);
  if (step.lemma !== null) keys.push(['lemma', step.lemma]);
  return keys;
}
