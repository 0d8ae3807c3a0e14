import { parentPort, workerData } from 'node:worker_threads';
import { contentHash, fsPathOf, readFileBytesSync, type DocumentFile, type FileStamp } from '../ingest/index.js';
import { compileLexicon } from '../lexicon/compile-lexicon.js';
import { addInflections } from '../lexicon/inflect.js';
import { storeResult, type Location } from './fragment-store.js';
import { NO_CSV, scoreBytes, type DocOutcome } from './score-bytes.js';
import { partsBytes } from '../output/index.js';
import { createScorer } from './scorer.js';
import { MAX_HELD_ANSWER_BYTES, type TaskAnswer, type WorkerAnswer, type WorkerBatch, type WorkerInit, type WorkerMessage, type WorkerTask } from './worker-pool.js';

// A worker thread: its own wink-nlp instance and compiled lexicons; scores a batch of documents a message.
const init = workerData as WorkerInit;
if (init.inflections) addInflections(init.inflections);
const scorer = createScorer(init.lexicons.map(({ spec, origin }) => compileLexicon(spec, origin)), init.tokeniser);
// Batches are scored one after another, in the order they came, and their answers go back in
// that order (the pool expects them so). Each result is stored as soon as it is made.
let scoring = Promise.resolve();
parentPort!.on('message', ({ tasks }: WorkerBatch) => {
  scoring = scoring.then(() => scoreBatch(tasks));
});
parentPort!.postMessage({ ready: true } satisfies WorkerMessage);

/** Score and store the documents of a batch, one after another; send their answers at the end, or before once they hold many rows. */
async function scoreBatch(tasks: readonly WorkerTask[]): Promise<void> {
  let answers: TaskAnswer[] = [];
  let heldBytes = 0;
  for (const [index, task] of tasks.entries()) {
    const { outcome, bytesRead, stamp } = await scoreTask(task);
    const answer = { task: task.task, ...store(outcome, stamp, task.previous), bytesRead };
    answers.push(answer);
    heldBytes += rowBytes(answer.outcome);
    if (heldBytes > (init.maxHeldAnswerBytes ?? MAX_HELD_ANSWER_BYTES) || index === tasks.length - 1) {
      parentPort!.postMessage({ answers } satisfies WorkerMessage);
      [answers, heldBytes] = [[], 0];
    }
  }
}

/** Bytes of the rows an answer carries (none when the result was stored). */
function rowBytes(outcome: DocOutcome | undefined): number {
  const result = outcome?.result;
  return result ? partsBytes(result.matchesCsv) + partsBytes(result.segmentsCsv ?? []) : 0;
}

/** Score the bytes a task brings, or else read its file here (blocking: this thread has nothing else to do meanwhile). */
async function scoreTask(task: WorkerTask): Promise<{ outcome: DocOutcome; bytesRead: number; stamp?: FileStamp }> {
  const file: DocumentFile = { id: task.id, path: task.path, rawPath: task.rawPath && Buffer.from(task.rawPath) };
  const options = { segments: init.segments, hasMatches: init.hasMatches };
  const given = task.stamp === 'take' ? undefined : task.stamp;
  if (task.input) return { outcome: await scoreBytes(scorer, new Uint8Array(task.input.bytes), file, task.input.sha256, options), bytesRead: task.input.bytes.byteLength, stamp: given };
  const read = readFileBytesSync(fsPathOf(file), task.id, init.ingest);
  if (!read.bytes) return { outcome: { issue: read.issue }, bytesRead: 0 };
  const outcome = await scoreBytes(scorer, read.bytes, file, contentHash(read.bytes), options);
  return { outcome, bytesRead: read.bytes.length, stamp: task.stamp === 'take' ? read.stamp : given };
}

/**
 * Store a scored result where the pool asked: the rows of the tables then stay on disk, and the
 * answer carries only the stored line (the pool rebuilds the result from it).
 */
function store(outcome: DocOutcome, stamp: FileStamp | undefined, previous: Location | undefined): Omit<WorkerAnswer, 'bytesRead'> {
  if (!init.store || !outcome.result) return { outcome };
  try {
    return { stored: storeResult(init.store, outcome.result, stamp, previous) };
  } catch (error) {
    return { outcome: { result: { ...outcome.result, matchesCsv: NO_CSV, segmentsCsv: undefined } }, storeError: { code: (error as NodeJS.ErrnoException).code, message: error instanceof Error ? error.message : String(error) } };
  }
}
