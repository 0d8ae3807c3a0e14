import { loadWinkModel, loadWinkNLP, resetWinkCache, resettableCaches } from './wink-fresh-cache.js';

/** Tokens of one text as parallel arrays (no object per token), and sentences as inclusive token index pairs. */
export interface WinkResult {
  readonly values: string[];
  readonly types: string[];
  /** Lemma of each token (the value where wink-nlp gives none). */
  readonly lemmas: string[];
  readonly precedingSpaces: string[];
  readonly negations: boolean[];
  readonly sentences: [first: number, last: number][];
}

type Nlp = ReturnType<ReturnType<typeof loadWinkNLP>>;

/**
 * The wink-nlp configurations a run can ask for (the `tokeniser` option). `wink.v1` runs the
 * part-of-speech tagger, which lemmas need; `wink-fast.v1` skips it: lemmas are then the
 * words themselves, and inflected lexicon entries rely on their compile-time inflections.
 */
export const WINK_PIPES = {
  'wink.v1': { pipe: ['sbd', 'negation', 'pos'], hasLemmas: true },
  'wink-fast.v1': { pipe: ['sbd', 'negation'], hasLemmas: false },
} as const;

/** A tokeniser name. */
export type WinkPipeName = keyof typeof WINK_PIPES;

// One instance per configuration and thread, created on first use: each winkNLP() call is
// slower than the last and about the 21st throws, so never one per document or per test.
const instances = new Map<WinkPipeName, Nlp>();

function nlp(name: WinkPipeName): Nlp {
  let instance = instances.get(name);
  if (!instance) {
    const before = resettableCaches();
    instance = loadWinkNLP()(loadWinkModel() as Parameters<ReturnType<typeof loadWinkNLP>>[0], [...WINK_PIPES[name].pipe]);
    // S13: without a resettable cache, output would depend on reading order.
    if (resettableCaches() !== before + 1) throw new Error('wink-nlp did not use the resettable cache; tokenising would depend on reading order');
    instances.set(name, instance);
  }
  return instance;
}

/** Tokenise one paragraph with wink-nlp: tokens, lemmas, negation scope and sentences. */
export function winkTokenise(text: string, name: WinkPipeName = 'wink.v1'): WinkResult {
  const engine = nlp(name);
  const its = engine.its;
  const doc = engine.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const lemmas = WINK_PIPES[name].hasLemmas ? (tokens.out(its.lemma as never) as (string | undefined)[]) : values.slice();
  // its.lemma can be undefined (e.g. "cannot" before punctuation): fall back to the value.
  for (let i = 0; i < lemmas.length; i++) lemmas[i] ??= values[i];
  return {
    values,
    types: tokens.out(its.type) as string[],
    lemmas: lemmas as string[],
    precedingSpaces: tokens.out(its.precedingSpaces) as string[],
    negations: tokens.out(its.negationFlag) as unknown as boolean[],
    sentences: doc.sentences().out(its.span) as unknown as [number, number][],
  };
}

/** Start the next document from the state wink-nlp had when loaded (see wink-fresh-cache.ts). */
export function startDocument(): void {
  resetWinkCache();
}
