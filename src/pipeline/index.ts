export { loadPipeline, pipelineSchema, optionsSchema, type RunConfig, type RunOptions } from './config.js';
export { runPipeline, STATE_DIR, type RunSummary, type RunOverrides, type RunEvent } from './run.js';
export { scoreFiles, type FilesScored, type ScoreFilesSettings, type ScoreProgress } from './score-files.js';
export { scoreBytes, type DocResult, type DocOutcome } from './score-bytes.js';
export { createScorer, loadScorer, type Scorer } from './scorer.js';
export { scoreText, textSource } from './score-text.js';
export { parseShard, isInShard, type Shard } from './shard.js';
export { TOOL, BUNDLED_LEXICONS, DEFAULT_PIPELINE, PACKAGE_ROOT } from './package-info.js';
export { mergeOutputs } from './merge-outputs.js';
