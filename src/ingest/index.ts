export { findDocuments, fsPathOf, RUN_STATE_FOLDER, type DocumentFile } from './find-documents.js';
export { globProblem, leftOutBy } from './left-out-by.js';
export { pathOfId } from './file-name.js';
export { decodeText, withPlainLineEnds } from './decode-text.js';
export { isReadByLibrary, plainTextDocument, readDocument, readFileBytes, readFileBytesSync, sourceFromBytes, contentHash, MAX_PARAGRAPHS, MAX_TEXT_CHARS, stampOf, isSameStamp, DEFAULT_INGEST_SETTINGS, UNREADABLE_FORMATS, type IngestSettings, type ReadResult, type BytesResult, type FileStamp } from './read-document.js';
export { htmlToText, tidyParagraphs } from './html-to-text.js';
export { markdownToText } from './markdown-to-text.js';
export { plainText } from './paged-text.js';
