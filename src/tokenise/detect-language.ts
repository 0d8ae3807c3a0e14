/**
 * A small function-word language guesser: each language is represented by its most
 * frequent closed-class words, which make up a large share of any running text and
 * rarely occur in text of another language.
 */
const FUNCTION_WORDS: Readonly<Record<string, string>> = {
  en: 'the a of and to in is that for it with as was on are be by this which or from at not have has were their an its also but these been shall such i we you our my your he she they his her them us me will would can must do there what when who all if so than more',
  fr: 'le la les des du un une et est dans que qui pour pas sur au aux par ce cette sont avec il elle ne se plus été leur',
  de: 'der die das und ist nicht den dem des ein eine zu mit von auf für sich im auch es wird sind werden wurde oder bei',
  es: 'el la los las de del y en que es por para con una un se no su al lo como más sus ha este esta son',
  it: 'il lo la gli le di del della e che è per con non una un sono dei delle nel nella da al ha si questo',
  nl: 'de het een en van is dat op te zijn voor niet met in die aan er ook als bij door wordt worden naar om',
  pt: 'o a os as de do da dos das e que em um uma para com não por se no na ao mais foi são pelo pela',
  id: 'yang dan di ini dengan untuk dari dalam pada tidak adalah akan itu oleh juga sebagai atau karena ke bahwa telah dapat mereka kami tersebut',
  hu: 'a az és hogy nem is egy meg de van volt csak már ez azt mint még kell vagy lesz ezt pedig minden',
  pl: 'i w na z że nie się do jest to o jak co ale po tak za od są przez dla być tym może jego',
  sv: 'och att det som en på är av för med till den har inte om ett de var jag men ska eller från vid',
};

/** The languages the guesser knows, in a fixed order (indexes of `LanguageCounts`). */
export const LANGUAGES: readonly string[] = Object.keys(FUNCTION_WORDS);

/** For each function word, the indexes of the languages it belongs to. */
const LOOKUP: ReadonlyMap<string, readonly number[]> = (() => {
  const map = new Map<string, number[]>();
  LANGUAGES.forEach((language, index) => {
    for (const word of FUNCTION_WORDS[language].split(' ')) map.set(word, [...(map.get(word) ?? []), index]);
  });
  return map;
})();

/** Length of the longest function word: longer words are not looked up. */
const LONGEST = Math.max(...[...LOOKUP.keys()].map((word) => word.length));

/** Function-word counts per language, indexed like `LANGUAGES`. */
export type LanguageCounts = Uint32Array;

/** Fewest function words a text needs before a guess is made. */
const MIN_EVIDENCE = 4;

/** Empty counts. */
export function newLanguageCounts(): LanguageCounts {
  return new Uint32Array(LANGUAGES.length);
}

/** Count one lower-cased word. */
export function countWord(counts: LanguageCounts, word: string): void {
  countLanguages(counts, functionWordLanguages(word));
}

/** Indexes (into `LANGUAGES`) of the languages of which the lower-cased `word` is a function word. */
export function functionWordLanguages(word: string): readonly number[] | undefined {
  return word.length > LONGEST ? undefined : LOOKUP.get(word);
}

/** Count one word of the given languages (from `functionWordLanguages`). */
export function countLanguages(counts: LanguageCounts, languages: readonly number[] | undefined): void {
  if (languages) for (const index of languages) counts[index] += 1;
}

/** The language with most function words: ISO 639-1, or `und` when there is too little evidence. */
export function languageOf(counts: LanguageCounts): string {
  return languageName(languageIndexOf(counts));
}

/** `languageOf` as an index in `LANGUAGES`, or -1 for `und`. */
export function languageIndexOf(counts: LanguageCounts): number {
  let best = -1;
  for (let index = 0; index < counts.length; index++) if (best < 0 || counts[index] > counts[best]) best = index;
  return counts[best] >= MIN_EVIDENCE ? best : -1;
}

/** The ISO 639-1 code of a language index (`languageIndexOf`): `und` for -1. */
export function languageName(index: number): string {
  return index < 0 ? 'und' : LANGUAGES[index];
}

/** Guess the language of lower-cased words. */
export function detectLanguage(words: readonly string[]): string {
  const counts = newLanguageCounts();
  for (const word of words) countWord(counts, word);
  return languageOf(counts);
}
