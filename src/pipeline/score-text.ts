import { createHash } from 'node:crypto';
import type { ClassifiedDoc, Issue, ScoreRow, SourceDoc } from '../document.js';
import { plainTextDocument, withPlainLineEnds } from '../ingest/index.js';
import { makeIssue } from '../issues.js';
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

/**
 * Score a string with a scorer: the row, the classified document behind it, and the issues a
 * file of that text would have (a text with no letter: FILE_NO_TEXT, or FILE_EMPTY; one in
 * another language than the lexicons': LANGUAGE_NOT_SCORED), named by `id`.
 */
export function scoreText(text: string, scorer: Scorer, id = 'text'): { row: ScoreRow; doc: ClassifiedDoc; issues: Issue[] } {
  const { row, doc, issues } = scorer.score(textSource(text, id));
  const read = text === '' ? [makeIssue('FILE_EMPTY', id, 'the text is empty', { stage: 'ingest' })] : /\p{L}/u.test(text) ? [] : [makeIssue('FILE_NO_TEXT', id, 'the text has no letters', { stage: 'ingest' })];
  return { row, doc, issues: [...read, ...issues] };
}
