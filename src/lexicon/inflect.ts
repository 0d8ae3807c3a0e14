import nlp from 'compromise';
import NounInflector from 'natural/lib/natural/inflectors/noun_inflector.js';

// compromise's own transforms conjugate verbs and pluralise nouns without parsing a
// document (microseconds a word; `nlp(word)` takes milliseconds). natural's noun inflector
// adds the irregular and Latin plurals it knows. Both run at compile time only.
const world = nlp.world() as unknown as {
  methods: { two: { transform: { verb: { conjugate(word: string, model: unknown): Record<string, string> }; noun: { toPlural(word: string, model: unknown): string } } } };
  model: unknown;
};
const { verb, noun } = world.methods.two.transform;
const nouns = new NounInflector();

const VERB_FORMS = ['PastTense', 'PresentTense', 'Gerund', 'PastParticiple'] as const;

/** Inflected forms of one lower-case word: itself, its plurals and its verb forms, sorted. */
export function inflectWord(word: string): string[] {
  const forms = new Set([word]);
  if (!/^[a-z]+$/.test(word)) return [...forms];
  forms.add(nouns.pluralize(word));
  forms.add(noun.toPlural(word, world.model));
  const conjugation = verb.conjugate(word, world.model);
  for (const key of VERB_FORMS) {
    const form = conjugation[key];
    if (form && /^[a-z]+$/.test(form)) forms.add(form);
  }
  return [...forms].filter((form) => /^[a-z]+$/.test(form)).sort();
}
