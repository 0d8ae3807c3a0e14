import { parentPort, workerData } from 'node:worker_threads';
import type { DocumentFile } from '../ingest/index.js';
import { scoreBytes } from './score-bytes.js';
import { loadScorer } from './scorer.js';
import type { WorkerInit, WorkerTask } from './worker-pool.js';

// A worker thread: its own wink-nlp instance and compiled lexicons; scores one document a message.
const init = workerData as WorkerInit;
const { scorer, issues } = await loadScorer(init.lexiconFiles, init.tokeniser);
if (!scorer) throw new Error(`worker cannot load lexicons: ${issues.map((issue) => issue.message).join('; ')}`);
parentPort!.on('message', async (task: WorkerTask) => {
  const file: DocumentFile = { id: task.id, path: task.path };
  const outcome = await scoreBytes(scorer, new Uint8Array(task.bytes), file, task.sha256, { segments: init.segments });
  parentPort!.postMessage({ task: task.task, outcome });
});
parentPort!.postMessage({ ready: true });
