import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

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

type Nlp = ReturnType<typeof winkNLP>;

// One instance per thread, created on first use: each winkNLP() call is slower than the
// last and about the 21st throws, so it must never be created per document or per test.
let instance: Nlp | undefined;

function nlp(): Nlp {
  instance ??= winkNLP(model, ['sbd', 'negation', 'pos']);
  return instance;
}

/** Tokenise one paragraph with wink-nlp: tokens, lemmas, negation scope and sentences. */
export function winkTokenise(text: string): WinkResult {
  const engine = nlp();
  const its = engine.its;
  const doc = engine.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const lemmas = tokens.out(its.lemma as never) as (string | undefined)[];
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
