import { ROLE_ALONE, ROLE_FIRST, ROLE_LATER, type RoleKeys, type WordStream } from '../document.js';
import { FormRows } from '../form-rows.js';
import { combinations, prefixesByFirstChar, type WordStep } from './word-step.js';

/**
 * One node of the term trie; keys are word forms, lemmas or prefixes. A node without children
 * of a kind, or without entries, shares one empty map or list (most nodes are leaves), which
 * `insert` replaces before adding.
 */
interface TrieNode {
  exact: Map<string, TrieNode>;
  lemma: Map<string, TrieNode>;
  prefix: Map<string, TrieNode>;
  /** The children under `prefix` by the first char code of their prefix, so a word is tested only against prefixes that start as it does. */
  prefixesByFirst: Map<number, [prefix: string, child: TrieNode][]>;
  /** Entry indexes that end here, in lexicon order. */
  terminals: number[];
}

type Key = readonly [kind: 'exact' | 'lemma' | 'prefix', value: string];

const MAX_PATHS = 4096;

/**
 * A word form's row of `TermTrie.forms`: flags; the entries that are this one word (`ALONE_MAX`
 * at most, ascending); the key bits of the second words of the terms it starts (`NEXT_KEYS`); the key
 * bits of what it can be as a word after a term's first (`AS_LATER`). A key's bit is one of 32,
 * from a hash of the key, so two words can follow each other in a term only if their bits meet.
 */
const ALONE_MAX = 3;
const NEXT_KEYS = 1 + ALONE_MAX;
const AS_LATER = NEXT_KEYS + 1;
/** More than `ALONE_MAX` entries are this one word: walk the trie. */
const MANY = 1;
/** The count of entries in the row, from this bit. */
const COUNT_SHIFT = 1;

/** What a node shares until it has children or entries of its own: never written. */
const NO_CHILDREN = Object.freeze(new Map<string, TrieNode>()) as Map<string, TrieNode>;
const NO_PREFIXES = Object.freeze(new Map<number, [string, TrieNode][]>()) as Map<number, [string, TrieNode][]>;
const NO_TERMINALS = Object.freeze([]) as unknown as number[];

function newNode(): TrieNode {
  return { exact: NO_CHILDREN, lemma: NO_CHILDREN, prefix: NO_CHILDREN, prefixesByFirst: NO_PREFIXES, terminals: NO_TERMINALS };
}

/** A trie of term variants; `walk` finds every entry that matches from a position. */
export class TermTrie {
  private readonly root = newNode();
  /** Root children reached by each word form that starts a term (exact and prefix keys), cached because word forms repeat. */
  private readonly rootSteps = new Map<string, readonly TrieNode[]>();
  /** The cache is bounded; past this many forms it is cleared and refilled. */
  private static readonly MAX_CACHED_FORMS = 200_000;
  /** The key bit (`keyBit`) of each key of a step after a term's first word, by kind, for `roleOf` and the rows by form. */
  private readonly later = { exact: new Map<string, number>(), lemma: new Map<string, number>(), prefix: new Map<string, number>() };
  /**
   * What a walk from a word form finds before the word after it, worked out once per form (see
   * `ALONE_MAX`): a walk that cannot go on to the next word reads one row, not the trie.
   */
  private forms?: FormRows;
  /** `later.prefix` by first char code, once the trie is complete (`laterPrefixes`). */
  private laterByFirst?: Map<number, [prefix: string, bit: number][]>;
  /** The keys that give a word a role, once the trie is complete (`roleKeys`). */
  private roles?: RoleKeys;

  /** True when a variant (a list of word steps) expands into few enough paths of keys for `add`. */
  static fits(steps: readonly WordStep[]): boolean {
    let paths = 1;
    for (const step of steps) {
      paths *= stepKeys(step).length;
      if (paths > MAX_PATHS) return false;
    }
    return true;
  }

  /** Add one variant (a list of word steps) of entry `entry`; returns false if it expands too far (see `fits`). */
  add(steps: readonly WordStep[], entry: number): boolean {
    if (this.forms || this.laterByFirst || this.roles) throw new Error('term trie: a variant added after walking');
    if (!TermTrie.fits(steps)) return false;
    for (const path of combinations(steps.map(stepKeys))) this.insert(path, entry);
    return true;
  }

  private insert(path: readonly Key[], entry: number): void {
    let node = this.root;
    path.slice(1).forEach(([kind, value]) => this.later[kind].set(value, keyBit(value)));
    for (const [kind, value] of path) {
      let children = node[kind];
      let child = children.get(value);
      if (!child) {
        if (children === NO_CHILDREN) node[kind] = children = new Map();
        child = newNode();
        children.set(value, child);
        if (kind === 'prefix') {
          if (node.prefixesByFirst === NO_PREFIXES) node.prefixesByFirst = new Map();
          const first = value.charCodeAt(0);
          node.prefixesByFirst.set(first, [...(node.prefixesByFirst.get(first) ?? []), [value, child]]);
        }
      }
      node = child;
    }
    if (node.terminals === NO_TERMINALS) node.terminals = [];
    if (!node.terminals.includes(entry)) node.terminals.push(entry);
  }

  /**
   * What a word with this form and lemma can be to a term (`ROLE_*` bits, `document.ts`): the whole term
   * (`ROLE_ALONE`), its first word with more to come (`ROLE_FIRST`), a word after its first
   * (`ROLE_LATER`). Allocates nothing (callers such as the classifier cache the answer by form).
   */
  roleOf(key: string, lemma: string): number {
    const { root } = this;
    let role = 0;
    const exact = root.exact.size === 0 ? undefined : root.exact.get(key);
    if (exact) role |= firstRole(exact);
    const prefixes = root.prefixesByFirst.get(key.charCodeAt(0));
    if (prefixes) for (let i = 0; i < prefixes.length; i++) if (key.startsWith(prefixes[i][0])) role |= firstRole(prefixes[i][1]);
    const lemmaStep = this.lemmaStep(root, key, lemma);
    if (lemmaStep) role |= firstRole(lemmaStep);
    if (this.laterKeyBits(key, lemma) !== 0) role |= ROLE_LATER;
    return role;
  }

  /** The keys that give a word its role (`roleOf`), and the role each gives: the trie's answer to `roleOf` as lists, for a classifier that merges several lexicons' into one lookup. */
  roleKeys(): RoleKeys {
    if (this.roles) return this.roles;
    const { root, later } = this;
    const note = (keys: Map<string, number>, key: string, role: number) => keys.set(key, (keys.get(key) ?? 0) | role);
    const forms = new Map<string, number>();
    for (const [key, node] of root.exact) note(forms, key, firstRole(node));
    for (const key of later.exact.keys()) note(forms, key, ROLE_LATER);
    const lemmas = new Map<string, number>();
    for (const key of later.lemma.keys()) note(lemmas, key, ROLE_LATER);
    const otherLemmas = new Map<string, number>();
    for (const [key, node] of root.lemma) note(otherLemmas, key, firstRole(node));
    // An empty prefix is never tried (`prefixesByFirst`, `prefixesByFirstChar`).
    const prefixes = [...[...root.prefix].map(([prefix, node]) => [prefix, firstRole(node)] as const), ...[...later.prefix.keys()].map((prefix) => [prefix, ROLE_LATER] as const)];
    this.roles = { forms, lemmas, otherLemmas, prefixes: prefixes.filter(([prefix]) => prefix !== '') };
    return this.roles;
  }

  /** The key bits (`keyBit`) of what a word with this form and lemma can be as a word after a term's first: 0 when nothing. */
  private laterKeyBits(key: string, lemma: string): number {
    const { exact, lemma: lemmas } = this.later;
    let bits = (exact.size === 0 ? undefined : exact.get(key)) ?? 0;
    if (lemmas.size !== 0) bits |= lemmas.get(lemma) ?? 0;
    const prefixes = this.laterPrefixes().get(key.charCodeAt(0));
    if (prefixes) for (let i = 0; i < prefixes.length; i++) if (key.startsWith(prefixes[i][0])) bits |= prefixes[i][1];
    return bits;
  }

  /** The prefixes of words after a term's first and their key bits, by first char code (built once the trie is complete). */
  private laterPrefixes(): Map<number, [string, number][]> {
    return (this.laterByFirst ??= prefixesByFirstChar(this.later.prefix));
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

  /** Ready the rows of word forms for `words` (see `FormRows.use`); call before `walk`. */
  use(words: WordStream): void {
    this.forms ??= new FormRows(AS_LATER + 1, (key, lemma, table, at) => this.fillRow(key, lemma, table, at));
    this.forms.use(words);
  }

  /** The root's children a word with this form and lemma reaches: its exact key, its prefixes, its lemma. */
  private startSteps(key: string, lemma: string): readonly TrieNode[] {
    const steps = this.rootSteps.get(key) ?? formSteps(this.root, key);
    const lemmaStep = this.lemmaStep(this.root, key, lemma);
    return lemmaStep ? [...steps, lemmaStep] : steps;
  }

  private fillRow(key: string, lemma: string, table: Int32Array, at: number): void {
    const steps = this.startSteps(key, lemma);
    const alone = [...new Set(steps.flatMap((node) => node.terminals))].sort((a, b) => a - b);
    if (alone.length <= ALONE_MAX) alone.forEach((entry, i) => (table[at + 1 + i] = entry));
    table[at] = (alone.length > ALONE_MAX ? MANY : 0) | (Math.min(alone.length, ALONE_MAX) << COUNT_SHIFT);
    for (const node of steps) for (const children of [node.exact, node.lemma, node.prefix]) for (const next of children.keys()) table[at + NEXT_KEYS] |= keyBit(next);
    table[at + AS_LATER] = this.laterKeyBits(key, lemma);
  }

  /** Add to `found` every entry matching words `[start, end)`, starting at word `start` (after `use(words)`). */
  walk(words: WordStream, start: number, found: TermsFound): void {
    // Read the row before the next word's, which may take its slot.
    const forms = this.forms!;
    const { table } = forms;
    const row = forms.rowOf(words, start);
    const flags = table[row];
    if ((flags & MANY) === 0) {
      const count = flags >>> COUNT_SHIFT;
      const [first, second, third, nextKeys] = [table[row + 1], table[row + 2], table[row + 3], table[row + NEXT_KEYS]];
      const next = start + 1;
      if (nextKeys === 0 || next >= words.keys.length || words.breakBefore[next] || (table[forms.rowOf(words, next) + AS_LATER] & nextKeys) === 0) {
        if (count > 0) found.add(next, first);
        if (count > 1) found.add(next, second);
        if (count > 2) found.add(next, third);
        return;
      }
    }
    this.walkNodes(words, start, found);
  }

  /** `walk` through the trie's nodes alone, without the rows by form (which must find the same entries). */
  walkNodes(words: WordStream, start: number, found: TermsFound): void {
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
    const { terminals } = node;
    for (let i = 0; i < terminals.length; i++) found.add(at, terminals[i]);
    if (at >= words.keys.length || words.breakBefore[at]) return;
    const key = words.keys[at];
    const exact = node.exact.size === 0 ? undefined : node.exact.get(key);
    if (exact) this.visit(exact, words, at + 1, found);
    const prefixes = node.prefix.size === 0 ? undefined : node.prefixesByFirst.get(key.charCodeAt(0));
    if (prefixes) {
      for (let i = 0; i < prefixes.length; i++) if (key.startsWith(prefixes[i][0])) this.visit(prefixes[i][1], words, at + 1, found);
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

/** What reaching `node` from the root makes the word: a whole term (`ROLE_ALONE`), the first word of longer ones (`ROLE_FIRST`). */
function firstRole(node: TrieNode): number {
  return (node.terminals.length > 0 ? ROLE_ALONE : 0) | (node.exact.size > 0 || node.lemma.size > 0 || node.prefix.size > 0 ? ROLE_FIRST : 0);
}

/** Children of `node` that the word form `key` reaches: its exact key and every matching prefix. */
function formSteps(node: TrieNode, key: string): TrieNode[] {
  const steps: TrieNode[] = [];
  const exact = node.exact.get(key);
  if (exact) steps.push(exact);
  const prefixes = node.prefixesByFirst.get(key.charCodeAt(0));
  if (prefixes) for (const [prefix, child] of prefixes) if (key.startsWith(prefix)) steps.push(child);
  return steps;
}

/** One bit of 32 for a trie key, from its FNV-1a hash. */
function keyBit(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return 1 << (hash >>> 27);
}

function stepKeys(step: WordStep): Key[] {
  if (step.prefix !== null) return [['prefix', step.prefix]];
  const keys: Key[] = [...step.forms].map((form) => ['exact', form] as const);
  if (step.lemma !== null) keys.push(['lemma', step.lemma]);
  return keys;
}
