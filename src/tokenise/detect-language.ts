/**
 * A small function-word language guesser: each language is represented by its most
 * frequent closed-class words, which make up a large share of any running text and
 * rarely occur in text of another language.
 */
const FUNCTION_WORDS: Readonly<Record<string, string>> = {
  en: 'the of and to in is that for it with as was on are be by this which or from at not have has were their an its also but these been shall such',
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

const LOOKUP: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [language, words] of Object.entries(FUNCTION_WORDS)) {
    for (const word of words.split(' ')) map.set(word, [...(map.get(word) ?? []), language]);
  }
  return map;
})();

/** Fewest function words a text needs before a guess is made. */
const MIN_EVIDENCE = 4;

/** Guess the language of lower-cased words: ISO 639-1, or `und` when there is too little evidence. */
export function detectLanguage(words: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const word of words) {
    for (const language of LOOKUP.get(word) ?? []) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  let best = 'und';
  let bestCount = 0;
  for (const language of Object.keys(FUNCTION_WORDS)) {
    const count = counts.get(language) ?? 0;
    if (count > bestCount) [best, bestCount] = [language, count];
  }
  return bestCount >= MIN_EVIDENCE ? best : 'und';
}
