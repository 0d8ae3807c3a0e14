import nlp from 'compromise';
import NounInflector from 'natural/lib/natural/inflectors/noun_inflector.js';

// natural's noun inflector knows irregular plurals (child → children, crisis → crises);
// compromise conjugates verbs. Both run once per entry at compile time, never per document.
const nouns = new NounInflector();

/** Inflected forms of one lower-case word: itself, its plural and its verb forms. */
export function inflectWord(word: string): string[] {
  const forms = new Set([word]);
  if (!/^[a-z]+$/.test(word)) return [...forms];
  forms.add(nouns.pluralize(word));
  const view = nlp(word);
  view.tag('Infinitive');
  for (const conjugation of view.verbs().conjugate() as Record<string, string>[]) {
    for (const key of ['PastTense', 'PresentTense', 'Gerund', 'PastParticiple'] as const) {
      const form = conjugation[key];
      if (form && /^[a-z]+$/.test(form)) forms.add(form);
    }
  }
  return [...forms].sort();
}
