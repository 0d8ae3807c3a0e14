export { classify } from './classify.js';
export { buildWordStream } from './word-stream.js';
