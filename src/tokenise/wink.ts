import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** A raw token as wink-nlp reports it, before offsets are attached. */
export interface WinkToken {
  readonly value: string;
  readonly type: string;
  readonly lemma: string;
  readonly precedingSpaces: string;
  readonly isNegated: boolean;
}

/** Tokens of one text and its sentences as inclusive token index pairs. */
export interface WinkResult {
  readonly tokens: WinkToken[];
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
  const types = tokens.out(its.type) as string[];
  const lemmas = tokens.out(its.lemma as never) as (string | undefined)[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const negations = tokens.out(its.negationFlag) as unknown as boolean[];
  const result: WinkToken[] = values.map((value, i) => ({
    value,
    type: types[i],
    // its.lemma can be undefined (e.g. "cannot" before punctuation): fall back to the value.
    lemma: lemmas[i] ?? value,
    precedingSpaces: spaces[i] ?? '',
    isNegated: negations[i] === true,
  }));
  const sentences = doc.sentences().out(its.span) as unknown as [number, number][];
  return { tokens: result, sentences };
}
