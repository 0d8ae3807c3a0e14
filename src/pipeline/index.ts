export { loadPipeline, pipelineSchema, optionsSchema, type RunConfig, type RunOptions } from './config.js';
export { runPipeline, type RunSummary, type RunOverrides } from './run.js';
export { scoreCorpus, type CorpusScores, type CorpusSettings } from './score-corpus.js';
export { createScorer, loadScorer, type Scorer } from './scorer.js';
export { scoreText, textSource } from './score-text.js';
export { TOOL, BUNDLED_LEXICONS, DEFAULT_PIPELINE, PACKAGE_ROOT } from './package-info.js';
