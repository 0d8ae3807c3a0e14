export { classify, createClassifier, type Classifier } from './classify.js';
export { buildWordStream } from './word-stream.js';
