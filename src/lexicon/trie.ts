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
  /** Root children reached by each word form that starts a term (exact and prefix keys), cached because word forms repeat. */
  private readonly rootSteps = new Map<string, readonly TrieNode[]>();
  /** The cache is bounded; past this many forms it is cleared and refilled. */
  private static readonly MAX_CACHED_FORMS = 200_000;
  /** Keys of every step after a term's first word, for `continuesAt`. */
  private readonly later = { exact: new Set<string>(), lemma: new Set<string>(), prefix: new Set<string>() };

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
    path.slice(1).forEach(([kind, value]) => this.later[kind].add(value));
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

  /**
   * Whether a term can start at a word with this form and lemma: `alone` when a term can be
   * this one word, `longer` when a term can start here and go on (not cached: callers such as
   * the classifier cache the answer).
   */
  startsAt(key: string, lemma: string): { alone: boolean; longer: boolean } {
    const steps = [...(this.rootSteps.get(key) ?? formSteps(this.root, key))];
    const lemmaStep = this.lemmaStep(this.root, key, lemma);
    if (lemmaStep) steps.push(lemmaStep);
    return {
      alone: steps.some((node) => node.terminals.length > 0),
      longer: steps.some((node) => node.exact.size > 0 || node.lemma.size > 0 || node.prefix.size > 0),
    };
  }

  /** False when no term has a word after its first that this form or lemma can be (the walk from the word before it then ends there). */
  continuesAt(key: string, lemma: string): boolean {
    const { exact, lemma: lemmas, prefix } = this.later;
    if (exact.has(key) || lemmas.has(lemma)) return true;
    for (const start of prefix) if (key.startsWith(start)) return true;
    return false;
  }

  private rootStepsOf(key: string): readonly TrieNode[] {
    let steps = this.rootSteps.get(key);
    if (steps === undefined) {
      if (this.rootSteps.size >= TermTrie.MAX_CACHED_FORMS) this.rootSteps.clear();
      steps = formSteps(this.root, key);
      this.rootSteps.set(key, steps);
    }
    return steps;
  }

  /** Add to `found` every entry matching words `[start, end)`. */
  walk(words: WordStream, start: number, found: TermsFound): void {
    const key = words.keys[start];
    const steps = this.rootStepsOf(key);
    for (let i = 0; i < steps.length; i++) this.visit(steps[i], words, start + 1, found);
    const lemma = this.lemmaStep(this.root, key, words.lemmas[start]);
    if (lemma) this.visit(lemma, words, start + 1, found);
  }

  /** The lemma child, looked up only when the lemma differs from the form (a form equal to its lemma is found as an exact key). */
  private lemmaStep(node: TrieNode, key: string, lemma: string): TrieNode | undefined {
    return lemma === key || node.lemma.size === 0 ? undefined : node.lemma.get(lemma);
  }

  /** Report the entries ending at `node` (words up to `at`), then follow word `at`: its exact key, its prefixes, its lemma. */
  private visit(node: TrieNode, words: WordStream, at: number, found: TermsFound): void {
    const { terminals, prefixLengths } = node;
    for (let i = 0; i < terminals.length; i++) found.add(at, terminals[i]);
    if (at >= words.keys.length || words.breakBefore[at]) return;
    const key = words.keys[at];
    const exact = node.exact.size === 0 ? undefined : node.exact.get(key);
    if (exact) this.visit(exact, words, at + 1, found);
    for (let i = 0; i < prefixLengths.length; i++) {
      const length = prefixLengths[i];
      if (length > key.length) break;
      const child = node.prefix.get(key.slice(0, length));
      if (child) this.visit(child, words, at + 1, found);
    }
    const lemma = this.lemmaStep(node, key, words.lemmas[at]);
    if (lemma) this.visit(lemma, words, at + 1, found);
  }
}

/** The entries a walk found, as parallel lists of end positions and entry indexes (reused from walk to walk). */
export class TermsFound {
  readonly ends: number[] = [];
  readonly entries: number[] = [];
  count = 0;

  add(end: number, entry: number): void {
    this.ends[this.count] = end;
    this.entries[this.count] = entry;
    this.count += 1;
  }
}

/** Children of `node` that the word form `key` reaches: its exact key and every matching prefix. */
function formSteps(node: TrieNode, key: string): TrieNode[] {
  const steps: TrieNode[] = [];
  const exact = node.exact.get(key);
  if (exact) steps.push(exact);
  for (const length of node.prefixLengths) {
    if (length > key.length) break;
    const child = node.prefix.get(key.slice(0, length));
    if (child) steps.push(child);
  }
  return steps;
}

function stepKeys(step: WordStep): Key[] {
  if (step.prefix !== null) return [['prefix', step.prefix]];
  const keys: Key[] = [...step.forms].map((form) => ['exact', form] as const);
  if (step.lemma !== null) keys.push(['lemma', step.lemma]);
  return keys;
}
