/**
 * hsframe library API: the same stages the CLI runs, as typed functions.
 * ingest → tokenise → classify → aggregate → output.
 */
export type { Issue, Severity, SourceDoc, Token, TokenisedDoc, Hit, ClassifiedDoc, CategoryInfo, ScoreRow, CompiledLexicon, TokenRange, TextSpan, WordStream, WordMatch } from './document.js';
export { ISSUE_CODES, makeIssue, hasErrors, type IssueCode } from './issues.js';
export { findDocuments, readDocument, decodeText, htmlToText, markdownToText, DEFAULT_INGEST_SETTINGS, type DocumentFile, type IngestSettings, type ReadResult } from './ingest/index.js';
export { TokenList } from './token-list.js';
export { tokenise, detectLanguage, DEFAULT_TOKENISE_SETTINGS, TOKENISERS, WINK_PIPES, type TokeniseSettings, type TokeniserName, type WinkPipeName } from './tokenise/index.js';
export { compileLexicon, loadLexicon, parseLexicon, lexiconSchema, type LexiconSpec, type LexiconEntry, type LoadedLexicon } from './lexicon/index.js';
export { classify, createClassifier, buildWordStream, type Classifier } from './classify/index.js';
export { aggregate, wilsonInterval, FRAME_CATEGORIES, UNDP_CATEGORIES, type AggregateSettings } from './aggregate/index.js';
export { toCsv, scoreHeader, scoreCells, matchRows, matchCells, MATCH_HEADER, writeFileAtomic, textCell, numberCell, DEFAULT_CSV_SETTINGS, type CsvSettings } from './output/index.js';
export { loadPipeline, runPipeline, scoreFiles, scoreBytes, parseShard, createScorer, loadScorer, scoreText, textSource, TOOL, BUNDLED_LEXICONS, type RunConfig, type RunSummary, type Scorer } from './pipeline/index.js';
export { evaluate, readGold, labelMetrics, cohenKappa, bootstrapIntervals, type Evaluation, type GoldSet, type LabelMetrics, type BootstrapIntervals, type LabelOutcomes } from './evaluate/index.js';
export { run } from './cli/main.js';
