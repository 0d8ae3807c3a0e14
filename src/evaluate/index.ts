export { evaluate, selectSubset, type EntryOutcome, type Evaluation, type EvaluationError, type GoldSubset } from './evaluate.js';
export { labelMetrics, cohenKappa, macro, meanPairwiseKappa, type LabelMetrics } from './metrics.js';
export { readGold, type GoldRow, type GoldSet } from './read-gold.js';
export { bootstrapIntervals, formatInterval, FIGURES, type BootstrapIntervals, type BootstrapOptions, type Interval, type LabelOutcomes, type MetricIntervals } from './bootstrap.js';
