export { compileLexicon, lexiconOrigin, termSteps, type LexiconOrigin } from './compile-lexicon.js';
export { addKeptLexicons, ignoreShippedKept, keptLexicons, keptLexiconsChanged, lexiconSource, loadLexicon, parseLexicon, SHIPPED_KEPT, shippedKept, type LoadedLexicon } from './load-lexicon.js';
export { lexiconSchema, listedEntries, type LexiconSpec, type LexiconEntry, type ListedEntry } from './schema.js';
export { addInflections, addKeptInflections, inflectWord, keptInflections, knownInflectionCount, knownInflections } from './inflect.js';
export { lintLexicons, type EntryUsage } from './lint-lexicons.js';
export { exportLiwc, exportQuanteda, importLiwc, importQuanteda, LOST_IN_EXPORT, type ImportedLexicon } from './interop.js';
