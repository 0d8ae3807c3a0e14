import { parentPort, workerData } from 'node:worker_threads';
import type { DocumentFile } from '../ingest/index.js';
import { addInflections, compileLexicon } from '../lexicon/index.js';
import { storeResult } from './fragment-store.js';
import { scoreBytes } from './score-bytes.js';
import { createScorer } from './scorer.js';
import type { WorkerInit, WorkerOutcome, WorkerTask } from './worker-pool.js';

// A worker thread: its own wink-nlp instance and compiled lexicons; scores one document a message.
const init = workerData as WorkerInit;
if (init.inflections) addInflections(init.inflections);
const scorer = createScorer(init.lexicons.map(({ spec, origin }) => compileLexicon(spec, origin)), init.tokeniser);
// Answers go back in the order the tasks came (the pool expects them so), even when a document
// that came later is done first. Each result is stored as soon as it is made.
let answered = Promise.resolve();
parentPort!.on('message', (task: WorkerTask) => {
  const file: DocumentFile = { id: task.id, path: task.path };
  const answer = scoreBytes(scorer, new Uint8Array(task.bytes), file, task.sha256, { segments: init.segments }).then((outcome) => store(outcome, task));
  answered = answered.then(() => answer).then((outcome) => parentPort!.postMessage({ task: task.task, ...outcome }));
});
parentPort!.postMessage({ ready: true });

/** Store a scored result where the pool asked: the rows of the tables then stay on disk, not in the message. */
function store(outcome: Awaited<ReturnType<typeof scoreBytes>>, task: WorkerTask): WorkerOutcome {
  if (!init.store || !outcome.result) return { outcome };
  const kept = { result: { ...outcome.result, matchesCsv: '', segmentsCsv: undefined } };
  try {
    return { outcome: kept, stored: storeResult(init.store, outcome.result, task.stamp) };
  } catch (error) {
    return { outcome: kept, storeError: { code: (error as NodeJS.ErrnoException).code, message: error instanceof Error ? error.message : String(error) } };
  }
}
