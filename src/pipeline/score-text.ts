import { createHash } from 'node:crypto';
import type { ClassifiedDoc, ScoreRow, SourceDoc } from '../document.js';
import { plainTextDocument, withPlainLineEnds } from '../ingest/index.js';
import type { Scorer } from './scorer.js';

/** Build a `SourceDoc` from text given through the API (no file), read as a `.txt` file's text is: titled by a one-line first paragraph, else by `id`. */
export function textSource(text: string, id = 'text'): SourceDoc {
  const read = plainTextDocument(withPlainLineEnds(text));
  return {
    id,
    path: '<text>',
    text: read.text,
    title: read.title || id,
    contentSha256: createHash('sha256').update(text).digest('hex'),
    bytes: Buffer.byteLength(text),
    encoding: 'utf-8',
    issues: [],
  };
}

/** Score a string with a scorer: the row and the classified document behind it. */
export function scoreText(text: string, scorer: Scorer, id = 'text'): { row: ScoreRow; doc: ClassifiedDoc } {
  const { row, doc } = scorer.score(textSource(text, id));
  return { row, doc };
}
